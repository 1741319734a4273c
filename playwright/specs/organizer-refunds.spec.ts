import { mailpit } from "../fixtures/mailpit";
import { buySeats } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("the organizer refunds one ticket of an order in the console: the buyer sees it refunded in My tickets and gets the refund mail", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  test.setTimeout(120_000);
  const show = await newShow({ label: "Refund Night" });
  const fan = await newBuyer("refundfan");
  await admit(fan, show.performanceId);
  await fan.page.goto(`/book/${show.scheduleId}`);
  const kept = show.seat(1, 1);
  const refunded = show.seat(1, 2);
  const reservationId = await buySeats(fan.page, {
    seatIds: [kept, refunded],
    total: "€360.00",
  });
  await mailpit.waitFor(fan.account.email, { timeoutMs: 30_000 });

  // The organizer opens the show's orders from the performance page and refunds the second
  // seat, putting it back on sale.
  const organizer = await newBuyer("refundorg", { role: "ADMIN" });
  const desk = organizer.page;
  await desk.goto(`/organizer/performances/${show.performanceId}`);
  await desk.getByRole("link", { name: "Orders and refunds" }).click();
  await expect(desk).toHaveURL(`/organizer/shows/${show.scheduleId}`);
  const order = desk.locator(`[data-order-id="${reservationId}"]`);
  await expect(order).toContainText(fan.account.email);
  await order.getByRole("checkbox", { name: /Row 1, seat 2\b/ }).check();
  await expect(order.getByRole("checkbox", { name: "Put the seats back on sale" })).toBeChecked();
  await order.getByRole("button", { name: "Refund 1 seat(s), €180.00" }).click();
  const confirmation = desk.getByRole("dialog", { name: "Refund €180.00?" });
  await expect(confirmation).toContainText("the seats go back on sale");
  await confirmation.getByRole("button", { name: "Refund €180.00" }).click();
  await expect(order.getByTestId("order-refunds")).toBeVisible();
  // The worker makes it at the provider; the page shows it once reloaded.
  await expect(async () => {
    await desk.reload();
    await expect(order.getByTestId("order-refunds")).toHaveText("Refunded €180.00");
  }).toPass({ timeout: 30_000 });
  await expect(order.getByTestId("order-status")).toContainText("CONFIRMED");

  // The buyer's My tickets: one ticket left, the refunded seat marked, the refund listed.
  await fan.page.goto("/my-tickets");
  const card = fan.page.getByTestId("reservation").filter({ hasText: show.performanceName });
  await expect(card.getByTestId("seat-refunded")).toHaveCount(1);
  await expect(card.getByRole("listitem").filter({ hasText: "Row 1, seat 2" })).toContainText(
    "refunded",
  );
  await expect(card.getByTestId("reservation-refunds")).toContainText("Refunded €180.00");
  await expect(card.getByTestId("ticket")).toHaveCount(1);

  // The refund mail, newest in the buyer's inbox.
  const [latest] = await mailpit.waitFor(fan.account.email, { count: 2, timeoutMs: 30_000 });
  const mail = await mailpit.message(latest?.ID ?? "");
  expect(mail.Subject).toBe(`Refund of €180.00 for ${show.performanceName}`);
  expect(mail.Text).toContain("Why: Refunded by the organizer.");

  // The seat is on sale again; the kept one is still the buyer's.
  const seats = await prisma.seat.findMany({
    where: { id: { in: [kept, refunded] } },
    select: { id: true, status: true },
  });
  expect(Object.fromEntries(seats.map((seat) => [seat.id, seat.status]))).toEqual({
    [kept]: "SOLD",
    [refunded]: "AVAILABLE",
  });
});
