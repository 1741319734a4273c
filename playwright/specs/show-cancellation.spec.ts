import { mailpit } from "../fixtures/mailpit";
import { buySeats, seatMap, seatOnMap } from "../fixtures/seat-map";
import { expect, test, type Buyer } from "../fixtures/test";

test("the organizer cancels a show with orders: every order is refunded, each buyer sees it in My tickets and is mailed, the show takes no more holds, and its pages say it is cancelled", async ({
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

  // The confirmation says what happens to open holds and to the paid orders. The button
  // is disabled until React hydrated it, so the click waits for a handler to be there.
  const cancelSection = desk.getByRole("region", { name: "Cancel the show" });
  const confirmation = desk.getByRole("dialog", { name: "Cancel this show?" });
  await cancelSection.getByRole("button", { name: "Cancel this show" }).click();
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText("Nobody can book it any more.");
  await expect(confirmation).toContainText("Seats held now are released at once");
  await expect(confirmation).toContainText("Every paid order is refunded in full");
  // Its dismiss button does not say Cancel too, and the dialog sits in the middle.
  await expect(confirmation.getByRole("button", { name: "Keep the show" })).toBeFocused();
  const box = await confirmation.boundingBox();
  const viewport = desk.viewportSize();
  expect(box && viewport).toBeTruthy();
  if (box && viewport) {
    expect(Math.abs(box.x + box.width / 2 - viewport.width / 2)).toBeLessThan(2);
    expect(Math.abs(box.y + box.height / 2 - viewport.height / 2)).toBeLessThan(2);
  }
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
  // The order list follows without a reload: no order still reads confirmed.
  for (const id of orders) {
    await expect(desk.locator(`[data-order-id="${id}"]`).getByTestId("order-status")).toContainText(
      /refunded/i,
    );
  }

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
  // In Korean, the same reason in Korean (from its code), not a generic refunded text.
  await first.page
    .context()
    .addCookies([
      { name: "ticketping-locale", value: "ko", url: new URL(first.page.url()).origin },
    ]);
  await first.page.reload();
  await expect(
    first.page
      .getByTestId("reservation")
      .filter({ hasText: show.performanceName })
      .getByTestId("reservation-reason"),
  ).toContainText("공연 회차가 취소되었습니다.");

  // The buyer still on its seat map: the next poll replaces the map with the notice.
  const notice = late.page.getByTestId("show-cancelled-notice");
  await expect(notice).toContainText("This show was cancelled", { timeout: 15_000 });
  await expect(freeSeat).toHaveCount(0);
  // A hold sent anyway (from a page that had not polled yet) is refused, in plain words.
  const refused = await late.page.evaluate(
    async ({ scheduleId, seatId }) => {
      const response = await fetch(`/api/schedules/${scheduleId}/holds`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ seatIds: [seatId] }),
      });
      return { status: response.status, body: await response.json() };
    },
    { scheduleId: show.scheduleId, seatId: show.seat(3, 6) },
  );
  expect(refused).toMatchObject({
    status: 409,
    body: {
      error: {
        code: "SALE_CLOSED",
        message: "This show was cancelled.",
        details: { reason: "SHOW_CANCELLED" },
      },
    },
  });

  // The performance page marks the date cancelled, with nothing to book or wait for.
  await late.page.goto(`/performances/${show.slug}`);
  const date = late.page.getByTestId("schedule");
  await expect(date.getByTestId("schedule-cancelled")).toHaveText("Cancelled");
  await expect(date).toContainText("This show was cancelled.");
  await expect(date.getByRole("link")).toHaveCount(0);
  // Its booking page, opened again, shows the notice and no seat map.
  await late.page.goto(`/book/${show.scheduleId}`);
  await expect(late.page).toHaveURL(`/book/${show.scheduleId}`);
  await expect(notice).toBeVisible();
  await expect(seatMap(late.page)).toHaveCount(0);

  // A buyer reading Korean, never admitted to the line, reads the same in Korean.
  const korean = await newBuyer("cancelko", { locale: "ko-KR" });
  await korean.page.goto(`/performances/${show.slug}`);
  await expect(korean.page.getByTestId("schedule-cancelled")).toHaveText("취소됨");
  await korean.page.goto(`/book/${show.scheduleId}`);
  await expect(korean.page.getByTestId("show-cancelled-notice")).toContainText("취소된 회차입니다");

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
