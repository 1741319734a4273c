import { grantKey } from "@ticketping/common/queue";
import { holdSeats } from "../fixtures/holds";
import { queueEnv } from "../fixtures/system-env";
import { expect, test } from "../fixtures/test";

test("a buyer pays for a hold on the simulated payment page, is confirmed, then cancels for a refund", async ({
  show,
  newBuyer,
  admit,
  prisma,
  redis,
}) => {
  const buyer = await newBuyer("payer");
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  const hold = await holdSeats(page.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(1, 3), show.seat(1, 4)],
  });

  await page.goto(`/checkout/${hold.reservationId}`);
  await expect(page.getByRole("heading", { level: 1, name: show.performanceName })).toBeVisible();
  await expect(page.getByRole("table", { name: "Seats and prices" })).toContainText(
    "Row 1, seat 3",
  );
  await expect(page.getByRole("timer")).toBeVisible();

  await page.getByRole("button", { name: "Pay €360.00" }).click();
  await expect(page).toHaveURL(/\/simulated-checkout\/cs_sim_[0-9a-f]{32}$/);
  await expect(page.getByText("Test payment page")).toBeVisible();
  await page.getByRole("button", { name: "Pay €360.00" }).click();

  await expect(page).toHaveURL(new RegExp(`/checkout/${hold.reservationId}\\?paid=1$`));
  await expect(page.getByText("You are going! These seats are yours.")).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId("reservation-status")).toHaveText("Confirmed");
  // The confirmation frees the buyer's working slot for the next in line: the queue
  // service drops the grant it made when admitting them.
  const grant = grantKey(queueEnv.QUEUE_KEY_PREFIX, show.performanceId, buyer.account.id);
  await expect.poll(() => redis.exists(grant), { timeout: 20_000 }).toBe(0);

  await page.getByRole("button", { name: "Cancel tickets and get a refund" }).click();
  await page.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByTestId("reservation-status")).toHaveText("Cancelled");
  await expect(page.getByTestId("checkout-reason")).toContainText("refunded");
  await expect
    .poll(
      async () =>
        (await prisma.payment.findFirst({ where: { reservationId: hold.reservationId } }))?.status,
      { timeout: 20_000 },
    )
    .toBe("REFUNDED");
});

test("a declined payment releases the seats and says so", async ({ show, newBuyer, admit }) => {
  const buyer = await newBuyer("declined");
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  const hold = await holdSeats(page.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(2, 1)],
  });

  await page.goto(`/checkout/${hold.reservationId}`);
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page).toHaveURL(/declined=1$/);
  await expect(page.getByTestId("reservation-status")).toHaveText("Payment failed", {
    timeout: 20_000,
  });
  await expect(page.getByTestId("checkout-reason")).toContainText("did not go through");
});
