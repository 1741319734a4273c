import { mailpit } from "../fixtures/mailpit";
import { buySeats, seatOnMap } from "../fixtures/seat-map";
import { expect, test, type Buyer } from "../fixtures/test";

test("the organizer cancels a show with orders: every order is refunded, each buyer sees it in My tickets and is mailed, and the show takes no more holds", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  test.setTimeout(180_000);
  const show = await newShow({ label: "Cancelled Night" });

  // Two buyers pay through the seat map, as any buyer does.
  const buy = async (buyer: Buyer, seatIds: string[], total: string) => {
    await admit(buyer, show.performanceId);
    await buyer.page.goto(`/book/${show.scheduleId}`);
    const reservationId = await buySeats(buyer.page, { seatIds, total });
    // The confirmation mail, so the cancellation mail is the second one below.
    await mailpit.waitFor(buyer.account.email, { timeoutMs: 30_000 });
    return reservationId;
  };
  const first = await newBuyer("cancelfan1");
  const second = await newBuyer("cancelfan2");
  const orders = [
    await buy(first, [show.seat(1, 1), show.seat(1, 2)], "€360.00"),
    await buy(second, [show.seat(2, 1)], "€70.00"),
  ];

  // A third buyer is on the seat map when the show is cancelled.
  const late = await newBuyer("cancellate");
  await admit(late, show.performanceId);
  await late.page.goto(`/book/${show.scheduleId}`);
  const freeSeat = seatOnMap(late.page, show.seat(3, 6));
  await expect(freeSeat).toHaveAccessibleName(/available/);

  // The organizer opens the show's console page from the performance's.
  const organizer = await newBuyer("cancelorg", { role: "ADMIN" });
  const desk = organizer.page;
  await desk.goto(`/organizer/performances/${show.performanceId}`);
  await desk.getByRole("link", { name: "Orders and refunds" }).click();
  await expect(desk).toHaveURL(`/organizer/shows/${show.scheduleId}`);
  for (const id of orders) await expect(desk.locator(`[data-order-id="${id}"]`)).toBeVisible();

  // The confirmation says what happens to open holds and to the paid orders. A click
  // before React hydrated opens nothing, so it is repeated until the dialog shows.
  const cancelSection = desk.getByRole("region", { name: "Cancel the show" });
  const confirmation = desk.getByRole("dialog", { name: "Cancel this show?" });
  await expect(async () => {
    await cancelSection.getByRole("button", { name: "Cancel this show" }).click();
    await expect(confirmation).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(confirmation).toContainText("Nobody can book it any more.");
  await expect(confirmation).toContainText("Seats held now are released at once");
  await expect(confirmation).toContainText("Every paid order is refunded in full");
  await confirmation.getByRole("button", { name: "Cancel this show" }).click();

  // The progress bar counts the refunds the worker makes at the provider, up to all.
  const progress = desk.getByTestId("cancellation-progress");
  await expect(progress).toContainText("Cancelled. Refunded");
  await expect(progress).toContainText("Cancelled. Refunded 2 of 2 orders.", { timeout: 60_000 });
  await expect(progress.getByRole("progressbar", { name: "Refunded orders" })).toHaveAttribute(
    "value",
    "2",
  );
  await expect(desk.getByTestId("show-cancelled")).toBeVisible();

  // Each buyer's My tickets: the order refunded in full, because the show was cancelled.
  for (const [buyer, amount] of [
    [first, "€360.00"],
    [second, "€70.00"],
  ] as const) {
    await buyer.page.goto("/my-tickets");
    const card = buyer.page.getByTestId("reservation").filter({ hasText: show.performanceName });
    await expect(card.getByTestId("reservation-status")).toHaveText("Refunded");
    await expect(card.getByTestId("reservation-reason")).toContainText("The show was cancelled.");
    await expect(card.getByTestId("reservation-refunds")).toContainText(`Refunded ${amount}`);
    const [latest] = await mailpit.waitFor(buyer.account.email, { count: 2, timeoutMs: 30_000 });
    expect(latest?.Subject).toBe(`Cancelled: ${show.performanceName}`);
  }

  // The show takes no more holds: the buyer still on its seat map is refused.
  const holdAnswer = late.page.waitForResponse(
    (response) =>
      response.url().endsWith(`/api/schedules/${show.scheduleId}/holds`) &&
      response.request().method() === "POST",
  );
  await freeSeat.click();
  await late.page.getByRole("button", { name: "Hold 1 seat" }).click();
  const refused = await holdAnswer;
  expect(refused.status()).toBe(409);
  expect(
    ((await refused.json()) as { error: { code: string; details?: { reason?: string } } }).error,
  ).toMatchObject({ code: "SALE_CLOSED", details: { reason: "SHOW_CANCELLED" } });
  await expect(late.page.getByText("This show was cancelled.")).toBeVisible();

  // One refund per order, nothing twice, and the sold seats stay off sale.
  const refunds = await prisma.refund.findMany({
    where: { reservationId: { in: orders } },
    select: { reservationId: true, status: true, cause: true },
  });
  expect(refunds.map((refund) => Object.values(refund).join(" ")).sort()).toEqual(
    orders.map((id) => `${id} REFUNDED SHOW_CANCELLED`).sort(),
  );
  const soldSeats = [show.seat(1, 1), show.seat(1, 2), show.seat(2, 1)];
  expect(await prisma.seat.count({ where: { id: { in: soldSeats }, status: "SOLD" } })).toBe(3);
});
