import { holdSeats, lapseHoldNow } from "../fixtures/holds";
import { seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("a hold that lapses puts the seat back for another buyer, and shows as expired in the first buyer's tickets", async ({
  show,
  newBuyer,
  admit,
  prisma,
  redis,
}) => {
  const first = await newBuyer("lapser");
  const second = await newBuyer("patient");
  await admit(first, show.performanceId);
  await admit(second, show.performanceId);
  const wanted = show.seat(1, 4);

  const hold = await holdSeats(first.page.request, {
    scheduleId: show.scheduleId,
    seatIds: [wanted],
  });

  await first.page.goto("/my-tickets");
  const ticket = first.page.getByTestId("reservation").filter({ hasText: show.performanceName });
  await expect(ticket.getByTestId("reservation-status")).toHaveText("Awaiting payment");

  const { page } = second;
  await page.goto(`/book/${show.scheduleId}`);
  const seat = seatOnMap(page, wanted);
  await expect(seat).toHaveAccessibleName(/held by someone else/);

  // Five minutes pass (see lapseHoldNow for why moving the hold's two clocks is honest);
  // everything that follows is the system's own expiry path.
  await lapseHoldNow(
    { prisma, redis },
    { scheduleId: show.scheduleId, reservationId: hold.reservationId },
  );

  // Back on the second buyer's map while they look at it, and theirs for the taking.
  await expect(seat).toHaveAccessibleName("Row 1, seat 4, VIP, €180.00, available", {
    timeout: 30_000,
  });
  await seat.click();
  await page.getByRole("button", { name: "Hold 1 seat" }).click();
  await expect(page.getByText("Held for you for")).toBeVisible();
  await expect(seat).toHaveAccessibleName(/held by you/);

  // The first buyer's reservation says what happened.
  await first.page.reload();
  await expect(ticket.getByTestId("reservation-status")).toHaveText("Expired");
  await expect(ticket.getByTestId("reservation-reason")).toHaveText(
    "The hold ran out before payment; the seats went back on sale.",
  );
  const reservations = await prisma.reservation.findMany({
    where: { scheduleId: show.scheduleId },
    select: { userId: true, status: true },
    orderBy: { createdAt: "asc" },
  });
  expect(reservations).toEqual([
    { userId: first.account.id, status: "EXPIRED" },
    { userId: second.account.id, status: "PENDING" },
  ]);
});
