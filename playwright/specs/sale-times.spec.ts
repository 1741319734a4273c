import type { Page } from "@playwright/test";
import { queueKeys } from "@ticketping/common/queue";
import type { RedisClient } from "@ticketping/common/redis";
import type { QueueClient } from "../fixtures/queue-client";
import type { Show } from "../fixtures/shows";
import { queueEnv } from "../fixtures/system-env";
import { expect, test, type Buyer } from "../fixtures/test";

/**
 * An organizer who changes a sale's times while buyers wait in its line: the waiting room,
 * the catalog and the admissions agree at once (web/test/sale-times.test.ts checks the
 * hold rule beside them, at the API).
 */

const MINUTE = 60_000;

/** A datetime-local value in UTC, as the console's form takes it. */
const utcInput = (at: Date) => at.toISOString().slice(0, 16);

/**
 * Somebody holds the one booking slot and the buyer waits first in line behind them, on the
 * waiting-room page.
 */
async function waitBehindSomeone(
  target: Show,
  buyer: Buyer,
  line: (
    performanceId: string,
    count: number,
    options?: { autoClaim?: boolean },
  ) => Promise<QueueClient[]>,
): Promise<QueueClient> {
  const [holder] = (await line(target.performanceId, 1, { autoClaim: true })) as [QueueClient];
  await holder.waitForAdmission(target.performanceId);
  await buyer.page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  await expect(buyer.page.getByTestId("waiting-room")).toHaveAttribute("data-state", "waiting");
  await expect(buyer.page.getByTestId("queue-position")).toHaveText("1");
  await expect(buyer.page.getByTestId("queue-phase")).toHaveText("On sale now");
  return holder;
}

/**
 * The slot is given back, then the queue ticks on for a second (ten of the e2e service's
 * ticks): long enough that an open sale would have admitted the buyer.
 */
async function freeTheSlot(redis: RedisClient, target: Show, holder: QueueClient): Promise<void> {
  const keys = queueKeys(queueEnv.QUEUE_KEY_PREFIX, target.performanceId);
  await holder.leave(target.performanceId);
  await expect.poll(() => redis.zcard(keys.active), { timeout: 10_000 }).toBe(0);
  const lastTick = async () => Number(await redis.hget(keys.state, "lastAdvanceAt"));
  const freedAt = await lastTick();
  expect(freedAt).toBeGreaterThan(0);
  await expect.poll(lastTick, { timeout: 15_000 }).toBeGreaterThan(freedAt + 1_000);
}

/** What the catalog's card of the performance says. */
async function catalogSays(page: Page, target: Show, label: string): Promise<void> {
  await page.goto(`/performances?q=${encodeURIComponent(target.performanceName)}`);
  const card = page.getByTestId("performance-card");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(label);
}

async function saveDetails(
  organizer: Page,
  field: "Booking opens (UTC)" | "Booking closes (UTC)",
  at: Date,
): Promise<void> {
  await organizer.getByLabel(field).fill(utcInput(at));
  await organizer.getByRole("button", { name: "Save details" }).click();
  await expect(organizer.getByText("Saved.", { exact: true })).toBeVisible();
}

test("the opening of an open sale moved later: the buyer in line sees the new opening, is not admitted, and the catalog says upcoming", async ({
  newShow,
  newBuyer,
  line,
  redis,
}) => {
  test.setTimeout(120_000);
  const target = await newShow({ label: "Moved Opening", maxActive: 1 });
  const buyer = await newBuyer("in-line");
  const { page: organizer } = await newBuyer("organizer", { role: "ADMIN" });
  const holder = await waitBehindSomeone(target, buyer, line);
  const { page } = buyer;

  await organizer.goto(`/organizer/performances/${target.performanceId}`);
  await saveDetails(organizer, "Booking opens (UTC)", new Date(Date.now() + 10 * MINUTE));

  // Told without a reload: the line now counts down to the new opening, the place is kept.
  await expect(page.getByTestId("queue-phase")).toHaveAttribute("data-phase", "pre", {
    timeout: 15_000,
  });
  await expect(page.getByTestId("queue-phase")).toHaveText(/^Sale opens in 00:(09|10):\d\d$/);
  await expect(page.getByTestId("queue-position")).toHaveText("1");

  // A free slot admits nobody before the new opening.
  await freeTheSlot(redis, target, holder);
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-state", "waiting");
  const keys = queueKeys(queueEnv.QUEUE_KEY_PREFIX, target.performanceId);
  expect(await redis.zscore(keys.waiting, buyer.account.id)).not.toBeNull();

  const other = await newBuyer("browsing");
  await catalogSays(other.page, target, "Opening soon");

  // Moved back into the past: on sale again, and the buyer goes on to the seats by itself.
  await saveDetails(organizer, "Booking opens (UTC)", new Date(Date.now() - 60 * MINUTE));
  await expect(page).toHaveURL(new RegExp(`/book/${target.scheduleId}$`), { timeout: 20_000 });
  await catalogSays(other.page, target, "On sale");
});

test("a sale closed early and reopened: the buyer in line is told, keeps the place, and is admitted only after the reopening", async ({
  newShow,
  newBuyer,
  line,
  redis,
}) => {
  test.setTimeout(120_000);
  const target = await newShow({ label: "Closed Early", maxActive: 1 });
  const buyer = await newBuyer("in-line");
  const { page: organizer } = await newBuyer("organizer", { role: "ADMIN" });
  const holder = await waitBehindSomeone(target, buyer, line);
  const { page } = buyer;
  const phase = page.getByTestId("queue-phase");
  const other = await newBuyer("browsing");

  // Closed by its status (the console asks first).
  await organizer.goto(`/organizer/performances/${target.performanceId}`);
  await organizer.getByRole("button", { name: "Close sales" }).click();
  const dialog = organizer.getByRole("dialog", { name: "Close sales?" });
  await dialog.getByRole("button", { name: "Close sales" }).click();
  await expect(organizer.getByTestId("sale-status-text")).toContainText("CLOSED");
  await expect(phase).toHaveText("The sale has closed", { timeout: 15_000 });
  await expect(page.getByTestId("queue-position")).toHaveText("1");
  await catalogSays(other.page, target, "Sale closed");

  // Nobody is admitted to a closed sale, however much room there is.
  await freeTheSlot(redis, target, holder);
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-state", "waiting");

  // Closed by its closing time, while closed by status: reopening the status alone leaves
  // it closed, and moving the closing time later reopens it.
  await saveDetails(organizer, "Booking closes (UTC)", new Date(Date.now() - MINUTE));
  await organizer.getByRole("button", { name: "Reopen sales" }).click();
  await expect(organizer.getByTestId("sale-status-text")).toContainText("PUBLISHED");
  await catalogSays(other.page, target, "Sale closed");
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-state", "waiting");
  await expect(phase).toHaveText("The sale has closed");

  await saveDetails(organizer, "Booking closes (UTC)", new Date(Date.now() + 240 * MINUTE));
  await expect(page).toHaveURL(new RegExp(`/book/${target.scheduleId}$`), { timeout: 20_000 });
  await catalogSays(other.page, target, "On sale");
});
