import { seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("a buyer without a working token is sent to the waiting room", async ({ show, newBuyer }) => {
  const { page } = await newBuyer("unqueued");
  await page.goto(`/book/${show.scheduleId}`);
  await expect(page).toHaveURL(
    new RegExp(`/queue/${show.performanceId}\\?schedule=${show.scheduleId}$`),
  );
});

test("an admitted buyer picks seats by keyboard, holds them, sees others' holds live, and releases", async ({
  show,
  newBuyer,
  admit,
  prisma,
}) => {
  const buyer = await newBuyer("booker");
  await admit(buyer, show.performanceId);
  const { page } = buyer;

  // Another admitted buyer, booking through the API at the same time.
  const rival = await newBuyer("rival");
  await admit(rival, show.performanceId);
  const rivalHolds = (seatIds: string[]) =>
    rival.context.request.post(`/api/schedules/${show.scheduleId}/holds`, {
      data: { seatIds },
    });

  await page.goto(`/book/${show.scheduleId}`);
  await expect(page.getByRole("heading", { level: 1, name: show.performanceName })).toBeVisible();
  const seat = (row: number, column: number) => seatOnMap(page, show.seat(row, column));
  await expect(seat(1, 1)).toHaveAccessibleName("Row 1, seat 1, VIP, €180.00, available");
  await expect(page.getByRole("list", { name: "Prices" })).toContainText("€70.00");

  // Keyboard only: focus the first seat, Space, arrow right, Space.
  await seat(1, 1).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("ArrowRight");
  await expect(seat(1, 2)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(seat(1, 1)).toHaveAttribute("aria-pressed", "true");
  await expect(seat(1, 2)).toHaveAccessibleName("Row 1, seat 2, VIP, €180.00, selected");
  await page.keyboard.press("ArrowDown");
  await expect(seat(2, 2)).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Hold 3 seats" })).toBeEnabled();

  // The rival takes one of the chosen seats: it drops out of the selection, and the
  // buyer is told, without a reload.
  const rivalHold = await rivalHolds([show.seat(2, 2)]);
  expect(rivalHold.status()).toBe(201);
  const { data: rivalReservation } = (await rivalHold.json()) as {
    data: { reservationId: string };
  };
  await expect(seat(2, 2)).toHaveAccessibleName(/held by someone else/, { timeout: 10_000 });
  await expect(
    page.getByRole("status").filter({ hasText: "Row 2, seat 2 was just taken" }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Hold 2 seats" }).click();
  await expect(page.getByText("Held for you for")).toBeVisible();
  await expect(page.getByText(/^0[45]:\d\d$/)).toBeVisible();
  await expect(seat(1, 1)).toHaveAccessibleName(/held by you/);
  await expect(page.getByText("€360.00")).toBeVisible();
  const hold = await prisma.reservation.findFirstOrThrow({
    where: { userId: buyer.account.id, status: "PENDING" },
  });
  await expect(page.getByRole("link", { name: "Continue to payment" })).toHaveAttribute(
    "href",
    `/checkout/${hold.id}`,
  );

  // The rival gives their seat back and cannot have the buyer's.
  const rivalRelease = await rival.context.request.delete(
    `/api/holds/${rivalReservation.reservationId}`,
  );
  expect(rivalRelease.status()).toBe(200);
  await expect(seat(2, 2)).toHaveAccessibleName(/available/, { timeout: 10_000 });
  const refused = await rivalHolds([show.seat(1, 1), show.seat(3, 3)]);
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
    "SEAT_UNAVAILABLE",
  );

  await page.getByRole("button", { name: "Release seats" }).click();
  await expect(page.getByText("Your seats were released.")).toBeVisible();
  await expect(seat(1, 1)).toHaveAccessibleName(/available/);
  const released = await prisma.reservation.findUniqueOrThrow({ where: { id: hold.id } });
  expect(released.status).toBe("CANCELLED");
});
