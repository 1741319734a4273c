import type { QueueClient } from "../fixtures/queue-client";
import { buySeats, seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("a buyer waits in line, is admitted, picks seats, pays, and finds the ticket; others see the seats sold", async ({
  newShow,
  newBuyer,
  line,
  prisma,
}) => {
  test.setTimeout(120_000);
  // One buyer books at a time, so the line only moves when someone ahead is done.
  const show = await newShow({ label: "Harbour Lights", maxActive: 1 });
  // Three fans got there first: one is booking, two wait.
  const [booking, next, last] = (await line(show.performanceId, 3)) as [
    QueueClient,
    QueueClient,
    QueueClient,
  ];
  await booking.waitForAdmission(show.performanceId);

  const { account: buyer, page } = await newBuyer("fan", { signedIn: false });
  await page.goto("/signin");
  await page.getByLabel("Email").fill(buyer.email);
  await page.getByLabel("Password").fill(buyer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toHaveText(buyer.name);

  await page.getByRole("searchbox", { name: "Search by name" }).fill(show.performanceName);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: show.performanceName }).click();
  await expect(page.getByRole("heading", { level: 1, name: show.performanceName })).toBeVisible();
  await page.getByTestId("schedule").getByRole("link", { name: /^Book/ }).click();

  // The booking gate sends the buyer to the waiting room, third in line.
  await expect(page).toHaveURL(
    new RegExp(`/queue/${show.performanceId}\\?schedule=${show.scheduleId}$`),
  );
  const position = page.getByTestId("queue-position");
  const aheadCount = page.getByTestId("queue-ahead");
  const bar = page.getByRole("progressbar", { name: "Your progress to the front of the line" });
  await expect(position).toHaveText("3");
  await expect(aheadCount).toHaveText("2");
  await expect(page.getByTestId("queue-wait")).not.toHaveText("–");
  const barAt = async () => Number(await bar.getAttribute("aria-valuenow"));
  const startBar = await barAt();

  // Each fan ahead finishes in turn; the place falls without a reload.
  await booking.leave(show.performanceId);
  await next.waitForAdmission(show.performanceId);
  await expect(position).toHaveText("2");
  await expect(aheadCount).toHaveText("1");
  await next.leave(show.performanceId);
  await last.waitForAdmission(show.performanceId);
  await expect(position).toHaveText("1");
  await expect(aheadCount).toHaveText("0");
  expect(await barAt()).toBeGreaterThan(startBar);
  await last.leave(show.performanceId);

  // Admitted: on to the seat map by itself.
  await expect(page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`), { timeout: 15_000 });
  const reservationId = await buySeats(page, {
    seatIds: [show.seat(1, 2), show.seat(1, 3)],
    total: "€360.00",
  });

  await page.getByRole("link", { name: "My tickets" }).first().click();
  await expect(page).toHaveURL(/\/my-tickets$/);
  const ticket = page
    .getByTestId("reservation")
    .filter({ has: page.getByRole("link", { name: show.performanceName }) });
  await expect(ticket).toHaveCount(1);
  await expect(ticket).toContainText("Confirmed");
  await expect(ticket.getByRole("list", { name: "Seats" })).toContainText("Row 1, seat 2 · VIP");
  await expect(ticket.getByRole("list", { name: "Seats" })).toContainText("Row 1, seat 3 · VIP");
  await expect(ticket).toContainText("€360.00");
  expect(
    (await prisma.reservation.findUniqueOrThrow({ where: { id: reservationId } })).status,
  ).toBe("CONFIRMED");

  // Another buyer, through the same waiting room (the confirmation freed the one slot):
  // the seats are sold.
  const { page: otherPage } = await newBuyer("other");
  await otherPage.goto(`/book/${show.scheduleId}`);
  await expect(otherPage).toHaveURL(new RegExp(`/book/${show.scheduleId}$`), { timeout: 30_000 });
  for (const column of [2, 3]) {
    await expect(seatOnMap(otherPage, show.seat(1, column))).toHaveAccessibleName(
      `Row 1, seat ${column}, VIP, €180.00, sold`,
    );
  }
  await expect(seatOnMap(otherPage, show.seat(1, 1))).toHaveAccessibleName(/available$/);
});
