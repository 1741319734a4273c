import { grantKey } from "@ticketping/common/queue";
import { holdSeats } from "../fixtures/holds";
import { mailpit } from "../fixtures/mailpit";
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
  // The refund, in the buyer's inbox beside the order confirmation.
  const mails = await mailpit.waitFor(buyer.account.email, { count: 2, timeoutMs: 30_000 });
  expect(mails.map((mail) => mail.Subject).sort()).toEqual([
    `Refund of €360.00 for ${show.performanceName}`,
    `Your tickets for ${show.performanceName}`,
  ]);
});

test("a declined payment keeps the seats held; trying again opens a fresh payment page that pays", async ({
  show,
  newBuyer,
  admit,
  prisma,
}) => {
  const buyer = await newBuyer("declined");
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  const seatId = show.seat(2, 1);
  const hold = await holdSeats(page.request, { scheduleId: show.scheduleId, seatIds: [seatId] });

  await page.goto(`/checkout/${hold.reservationId}`);
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await expect(page.getByText("Test payment page")).toBeVisible();
  const declinedPage = page.url();
  await page.getByRole("button", { name: "Decline" }).click();

  await expect(page).toHaveURL(new RegExp(`/checkout/${hold.reservationId}\\?declined=1$`));
  const alert = page.getByRole("alert").filter({ hasText: "declined" });
  await expect(alert).toContainText("Your payment was declined. You were not charged.");
  await expect(alert).toContainText(/Your seats are still held for you until \d\d:\d\d UTC/);
  await expect(page.getByTestId("reservation-status")).toHaveText("Awaiting payment");
  await expect(page.getByText("wait your turn")).toHaveCount(0);
  const afterDecline = await prisma.reservation.findUniqueOrThrow({
    where: { id: hold.reservationId },
    select: { status: true, seats: { select: { seat: { select: { status: true } } } } },
  });
  expect(afterDecline).toEqual({ status: "PENDING", seats: [{ seat: { status: "HELD" } }] });

  await page.getByRole("button", { name: "Try again: pay €70.00" }).click();
  await expect(page).toHaveURL(/\/simulated-checkout\/cs_sim_[0-9a-f]{32}$/);
  expect(page.url()).not.toBe(declinedPage);
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await expect(page.getByText("You are going! These seats are yours.")).toBeVisible({
    timeout: 20_000,
  });
  await expect
    .poll(
      () => prisma.seat.findUniqueOrThrow({ where: { id: seatId }, select: { status: true } }),
      { timeout: 20_000 },
    )
    .toEqual({ status: "SOLD" });
  const payments = await prisma.payment.findMany({
    where: { reservationId: hold.reservationId },
    orderBy: { createdAt: "asc" },
    select: { status: true },
  });
  expect(payments).toEqual([{ status: "FAILED" }, { status: "COMPLETED" }]);

  // The declined payment page is gone: it cannot take a second payment.
  const again = await page.goto(declinedPage);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole("button", { name: "Pay €70.00" })).toHaveCount(0);
});

test("a released hold's payment page can no longer be paid", async ({
  show,
  newBuyer,
  admit,
  prisma,
}) => {
  const buyer = await newBuyer("releaser");
  await admit(buyer, show.performanceId);
  const { page, context } = buyer;
  const hold = await holdSeats(page.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(3, 2)],
  });
  await page.goto(`/checkout/${hold.reservationId}`);
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await expect(page.getByText("Test payment page")).toBeVisible();
  const paymentPage = page.url();

  // Meanwhile, in another tab, the buyer gives the seats back on the seat map.
  const seatMapTab = await context.newPage();
  await seatMapTab.goto(`/book/${show.scheduleId}`);
  await seatMapTab.getByRole("button", { name: "Release seats" }).click();
  await expect(seatMapTab.getByText("Your seats were released.")).toBeVisible();

  // The payment page still open in the first tab refuses the payment.
  const [submitted] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith("/submit")),
    page.getByRole("button", { name: "Pay €70.00" }).click(),
  ]);
  expect(submitted.status()).toBe(409);
  await page.goto(paymentPage);
  await expect(page.getByRole("button", { name: "Pay €70.00" })).toHaveCount(0);
  await expect(page.getByText("This payment page is no longer open.")).toBeVisible();

  const released = await prisma.reservation.findUniqueOrThrow({
    where: { id: hold.reservationId },
    select: { status: true, payments: { select: { id: true } } },
  });
  expect(released).toEqual({ status: "CANCELLED", payments: [] });
});
