import type { BrowserContext, Locator } from "@playwright/test";
import { grantKey } from "@ticketping/common/queue";
import { QueueClient } from "../fixtures/queue-client";
import { seatOnMap } from "../fixtures/seat-map";
import { queueEnv, WORKING_TOKEN_COOKIE } from "../fixtures/system-env";
import { expect, test } from "../fixtures/test";

/** Seconds left on the booking slot's clock ("00:01:58" -> 118). */
async function secondsLeft(slot: Locator): Promise<number> {
  const text = (await slot.getByRole("timer").textContent()) ?? "";
  const match = /^(\d\d):(\d\d):(\d\d)$/.exec(text.trim());
  if (!match) throw new Error(`not a clock: "${text}"`);
  const [, hours = "0", minutes = "0", seconds = "0"] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
}

/** Seconds until the working token in the browser's cookie expires (its exp claim). */
async function cookieTokenSecondsLeft(context: BrowserContext): Promise<number> {
  const cookie = (await context.cookies()).find(({ name }) => name === WORKING_TOKEN_COOKIE);
  const payload = decodeURIComponent(cookie?.value ?? "").split(".")[1] ?? "";
  const { exp } = JSON.parse(Buffer.from(payload, "base64url").toString()) as { exp: number };
  return exp - Date.now() / 1000;
}

test("the seat map shows the booking slot's time left, and more time extends it once", async ({
  newShow,
  newBuyer,
  admit,
  redis,
}) => {
  // Slots of two minutes: the one extension adds two more.
  const show = await newShow({ tokenTtlSeconds: 120 });
  const buyer = await newBuyer("extender");
  await admit(buyer, show.performanceId);
  const { page } = buyer;

  await page.goto(`/book/${show.scheduleId}`);
  const slot = page.getByTestId("booking-slot");
  await expect(slot.getByRole("heading", { name: "Your booking slot" })).toBeVisible();
  await expect(slot.getByRole("timer")).toHaveAttribute("aria-label", /minute/);
  // The queue service has answered: the clock shows the slot's exact end.
  await expect(slot.getByRole("status")).toHaveText("You can get more time once.");
  const before = await secondsLeft(slot);
  expect(before).toBeGreaterThan(90);
  expect(before).toBeLessThanOrEqual(120);

  const more = slot.getByRole("button", { name: /Get more time/ });
  await expect(more).toBeVisible();
  await more.focus();
  await expect(more).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(slot.getByRole("status")).toContainText(
    /More time granted: your slot now ends at \d\d:\d\d UTC\. That was your one extension\./,
  );
  await expect(more).toHaveCount(0);
  const after = await secondsLeft(slot);
  expect(after).toBeGreaterThan(before + 100);
  expect(after).toBeLessThanOrEqual(240);
  const grant = grantKey(queueEnv.QUEUE_KEY_PREFIX, show.performanceId, buyer.account.id);
  expect(await redis.hget(grant, "extended")).toBe("1");
  expect(await cookieTokenSecondsLeft(buyer.context)).toBeGreaterThan(before + 100);

  // The new token is in the cookie (the page reads the slot's end from it), and the queue
  // says the one extension is spent.
  await page.reload();
  await expect(slot.getByRole("status")).toHaveText("Your slot has had its one extension.");
  expect(await secondsLeft(slot)).toBeGreaterThan(before + 90);
  await expect(slot.getByRole("button", { name: /Get more time/ })).toHaveCount(0);
  // The booking gate takes the new token: the map still loads and seats can be held.
  await seatOnMap(page, show.seat(3, 6)).click();
  await page.getByRole("button", { name: "Hold 1 seat" }).click();
  await expect(page.getByText("Held for you for")).toBeVisible();
});

test("more time asked in another tab first: this page learns it and keeps the longer token", async ({
  newShow,
  newBuyer,
  admit,
}) => {
  const show = await newShow({ tokenTtlSeconds: 120 });
  const buyer = await newBuyer("two-tabs");
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  await page.goto(`/book/${show.scheduleId}`);
  const slot = page.getByTestId("booking-slot");
  await expect(slot.getByRole("status")).toHaveText("You can get more time once.");
  const before = await secondsLeft(slot);

  // The buyer's other tab takes the one extension; its new token never reached this one.
  const otherTab = await QueueClient.connect({ userId: buyer.account.id });
  try {
    await otherTab.extend(show.performanceId);
  } finally {
    otherTab.close();
  }
  expect(await cookieTokenSecondsLeft(buyer.context)).toBeLessThan(before + 5);

  await slot.getByRole("button", { name: /Get more time/ }).click();
  await expect(slot.getByRole("status")).toHaveText("Your slot has had its one extension.");
  await expect(slot.getByRole("button", { name: /Get more time/ })).toHaveCount(0);
  expect(await secondsLeft(slot)).toBeGreaterThan(before + 100);
  expect(await cookieTokenSecondsLeft(buyer.context)).toBeGreaterThan(before + 100);
});

test("a slot that ends while the buyer holds seats leaves the hold to pay for, on a phone", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
  redis,
}) => {
  // A short slot, far shorter than the hold's five minutes; it ends for real in Redis.
  const show = await newShow({ tokenTtlSeconds: 15 });
  const buyer = await newBuyer("outlived", { phone: { width: 390, height: 844 } });
  await admit(buyer, show.performanceId);
  const { page } = buyer;

  await page.goto(`/book/${show.scheduleId}`);
  const slot = page.getByTestId("booking-slot");
  await expect(slot.getByRole("timer")).toBeVisible();
  await seatOnMap(page, show.seat(2, 3)).click();
  await page.getByRole("button", { name: "Hold 1 seat" }).click();
  await expect(page.getByText("Held for you for")).toBeVisible();

  const grant = grantKey(queueEnv.QUEUE_KEY_PREFIX, show.performanceId, buyer.account.id);
  await expect.poll(() => redis.exists(grant), { timeout: 30_000 }).toBe(0);
  await expect(slot).toContainText("Your booking slot has ended.", { timeout: 10_000 });
  await expect(
    page.getByRole("status").filter({ hasText: "Your held seats are still yours" }),
  ).toHaveText(
    /^Your booking slot has ended, so the seat map no longer updates\. Your held seats are still yours until \d\d:\d\d UTC: continue to payment before then\.$/,
  );
  // Not sent back into the line: the hold entitles the buyer to pay.
  await expect(page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`));
  const toPayment = page.getByRole("link", { name: "Continue to payment" });
  await toPayment.click();

  await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);
  const reservationId = new URL(page.url()).pathname.split("/").pop() ?? "";
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await expect(page.getByText("Test payment page")).toBeVisible();
  await page.getByRole("button", { name: "Pay €70.00" }).click();
  await expect(page.getByText("You are going! These seats are yours.")).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("wait your turn")).toHaveCount(0);
  const reservation = await prisma.reservation.findUniqueOrThrow({
    where: { id: reservationId },
    select: { status: true, userId: true },
  });
  expect(reservation).toEqual({ status: "CONFIRMED", userId: buyer.account.id });
});
