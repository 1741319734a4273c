import { seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("the organizer holds a seat back from the show's seat plan: the buyer's seat map shows it taken until it is released", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  test.setTimeout(90_000);
  const show = await newShow({ label: "House Seats Night" });
  const houseSeat = show.seat(2, 3);
  const fan = await newBuyer("housefan");
  await admit(fan, show.performanceId);
  await fan.page.goto(`/book/${show.scheduleId}`);
  await expect(seatOnMap(fan.page, houseSeat)).toHaveAttribute("data-state", "available");

  const organizer = await newBuyer("houseorg", { role: "ADMIN" });
  const desk = organizer.page;
  await desk.goto(`/organizer/shows/${show.scheduleId}`);
  const planSeat = desk.getByTestId("plan-seat-2-3");
  await expect(planSeat).toHaveAttribute("data-state", "FREE");
  await planSeat.click();
  await expect(planSeat).toHaveAttribute("aria-pressed", "true");
  await desk.getByRole("button", { name: "Hold back chosen seats" }).click();
  await expect(planSeat).toHaveAttribute("data-state", "HELD_BACK");
  await expect(desk.getByTestId("held-back-count")).toContainText("1 seat is held back");
  expect(
    (await prisma.seat.findUniqueOrThrow({ where: { id: houseSeat } })).heldBackAt,
  ).not.toBeNull();

  // The buyer's map polls: the seat turns taken without a reload.
  await expect(seatOnMap(fan.page, houseSeat)).toHaveAttribute("data-state", "sold", {
    timeout: 15_000,
  });

  // It stays held back across a reload of the console, and is released from there.
  await desk.reload();
  await expect(planSeat).toHaveAttribute("data-state", "HELD_BACK");
  await planSeat.click();
  // The console asks first, in the page; cancelling changes nothing.
  await desk.getByRole("button", { name: "Release chosen seats" }).click();
  const confirmation = desk.getByRole("dialog", { name: "Release 1 seat?" });
  await expect(confirmation).toContainText("They go on sale at once");
  await confirmation.getByRole("button", { name: "Cancel" }).click();
  await expect(confirmation).toBeHidden();
  await expect(planSeat).toHaveAttribute("data-state", "HELD_BACK");
  await desk.getByRole("button", { name: "Release chosen seats" }).click();
  await confirmation.getByRole("button", { name: "Release 1 seat" }).click();
  await expect(planSeat).toHaveAttribute("data-state", "FREE");
  await expect(desk.getByTestId("held-back-count")).toHaveText("No seats are held back.");
  await expect(seatOnMap(fan.page, houseSeat)).toHaveAttribute("data-state", "available", {
    timeout: 15_000,
  });
});
