import { expect, test } from "@playwright/test";
import { createRedis } from "@ticketping/common/redis";
import {
  createAccount,
  e2eClientIp,
  removeAccount,
  signInThroughApi,
  type E2eAccount,
} from "../fixtures/accounts";
import {
  admitToBooking,
  createBookableShow,
  removeBookingKeys,
  type BookableShow,
} from "../fixtures/booking";
import { createE2ePrisma } from "../fixtures/catalog";
import { e2eEnv } from "../env";

const prisma = createE2ePrisma();
const redis = createRedis({ url: e2eEnv.REDIS_URL, connectionName: "e2e-checkout" });
let show: BookableShow;
const accounts: E2eAccount[] = [];

test.use({ extraHTTPHeaders: { "x-forwarded-for": e2eClientIp() } });

test.beforeAll(async () => {
  show = await createBookableShow(prisma);
});

test.afterAll(async () => {
  await prisma.payment.deleteMany({ where: { reservation: { scheduleId: show.scheduleId } } });
  await show.remove();
  await removeBookingKeys(redis, show.scheduleId);
  for (const account of accounts) await removeAccount(prisma, account);
  await prisma.$disconnect();
  await redis.quit();
});

test("a buyer pays for a hold on the simulated payment page, is confirmed, then cancels for a refund", async ({
  page,
  baseURL,
}) => {
  const buyer = await createAccount(page.request, prisma, { label: "payer" });
  accounts.push(buyer);
  await signInThroughApi(page.request, buyer);
  const token = await admitToBooking(redis, {
    userId: buyer.id,
    performanceId: show.performanceId,
  });
  await page
    .context()
    .addCookies([{ name: "ticketping-working-token", value: token, url: baseURL ?? "" }]);
  const held = await page.request.post(`/api/schedules/${show.scheduleId}/holds`, {
    data: { seatIds: [show.seat(1, 3), show.seat(1, 4)] },
  });
  expect(held.status()).toBe(201);
  const { data: hold } = (await held.json()) as { data: { reservationId: string } };

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

test("a declined payment releases the seats and says so", async ({ page, baseURL }) => {
  const buyer = await createAccount(page.request, prisma, { label: "declined" });
  accounts.push(buyer);
  await signInThroughApi(page.request, buyer);
  const token = await admitToBooking(redis, {
    userId: buyer.id,
    performanceId: show.performanceId,
  });
  await page
    .context()
    .addCookies([{ name: "ticketping-working-token", value: token, url: baseURL ?? "" }]);
  const held = await page.request.post(`/api/schedules/${show.scheduleId}/holds`, {
    data: { seatIds: [show.seat(2, 1)] },
  });
  expect(held.status()).toBe(201);
  const { data: hold } = (await held.json()) as { data: { reservationId: string } };

  await page.goto(`/checkout/${hold.reservationId}`);
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await page.getByRole("button", { name: "Decline" }).click();
  await expect(page).toHaveURL(/declined=1$/);
  await expect(page.getByTestId("reservation-status")).toHaveText("Payment failed", {
    timeout: 20_000,
  });
  await expect(page.getByTestId("checkout-reason")).toContainText("did not go through");
});
