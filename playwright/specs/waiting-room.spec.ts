import { expect, test, type Browser, type Page } from "@playwright/test";
import { createRedis } from "@ticketping/common/redis";
import {
  createAccount,
  e2eClientIp,
  removeAccount,
  signInThroughApi,
  type E2eAccount,
} from "../fixtures/accounts";
import { createE2ePrisma } from "../fixtures/catalog";
import {
  buySeats,
  createQueuedShow,
  removeLineBuyers,
  removeQueueKeys,
  seedLine,
  type LineBuyer,
  type QueuedShow,
} from "../fixtures/queue";
import { e2eEnv } from "../env";

const prisma = createE2ePrisma();
const redis = createRedis({ url: e2eEnv.REDIS_URL, connectionName: "e2e-waiting-room" });
const shows: QueuedShow[] = [];
const accounts: E2eAccount[] = [];
const lineBuyers: LineBuyer[] = [];

test.use({ extraHTTPHeaders: { "x-forwarded-for": e2eClientIp() } });

test.afterAll(async () => {
  await removeLineBuyers(prisma, lineBuyers);
  for (const show of shows) {
    await show.remove();
    await removeQueueKeys(redis, show.performanceId);
  }
  for (const account of accounts) await removeAccount(prisma, account);
  await prisma.$disconnect();
  await redis.quit();
});

async function show(options: Parameters<typeof createQueuedShow>[1]): Promise<QueuedShow> {
  const created = await createQueuedShow(prisma, options);
  shows.push(created);
  return created;
}

async function line(performanceId: string, count: number): Promise<LineBuyer[]> {
  const buyers = await seedLine(prisma, performanceId, count);
  lineBuyers.push(...buyers);
  return buyers;
}

/** A signed-in buyer in a browser context of their own. */
async function buyerPage(
  browser: Browser,
  label: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": e2eClientIp() },
    ...(viewport ? { viewport, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const account = await createAccount(page.request, prisma, { label });
  accounts.push(account);
  await signInThroughApi(page.request, account);
  return page;
}

const waitingRoomUrl = (target: QueuedShow) =>
  new RegExp(`/queue/${target.performanceId}\\?schedule=${target.scheduleId}$`);
const bookUrl = (target: QueuedShow) => new RegExp(`/book/${target.scheduleId}$`);

test("maxActive 1: B waits at place 1 while A buys, and is admitted by itself once A's purchase is confirmed", async ({
  browser,
}) => {
  const target = await show({ label: "One At A Time", maxActive: 1 });
  const a = await buyerPage(browser, "first");
  const b = await buyerPage(browser, "second");

  // A finds an empty line with room: straight through the waiting room to the seats.
  await a.goto(`/book/${target.scheduleId}`);
  await expect(a).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(a.getByRole("grid", { name: "Seats, seen from the stage" })).toBeVisible();

  // B arrives while A holds the only working slot.
  const bLoads: string[] = [];
  b.on("load", () => bLoads.push(new URL(b.url()).pathname));
  await b.goto(`/book/${target.scheduleId}`);
  await expect(b).toHaveURL(waitingRoomUrl(target));
  const room = b.getByTestId("waiting-room");
  await expect(room).toHaveAttribute("data-state", "waiting");
  await expect(b.getByTestId("queue-position")).toHaveText("1");
  await expect(b.getByTestId("queue-ahead")).toHaveText("0");
  await expect(b.getByTestId("queue-phase")).toHaveText("On sale now");

  await buySeats(a, { seatIds: [target.seat(1, 1)], total: "€180.00" });

  // Nobody touches B's page: the confirmation frees A's slot and B goes on by itself.
  await expect(b).toHaveURL(bookUrl(target), { timeout: 30_000 });
  await expect(b.getByRole("grid", { name: "Seats, seen from the stage" })).toBeVisible();
  await expect(
    b
      .getByRole("grid", { name: "Seats, seen from the stage" })
      .locator(`[data-seat-id="${target.seat(1, 1)}"]`),
  ).toHaveAccessibleName(/sold/);
  // Two documents only: the gate's redirect into the room, then the room's own step to
  // the seats. No reload in between.
  expect(bLoads).toEqual([`/queue/${target.performanceId}`, `/book/${target.scheduleId}`]);
  await a.context().close();
  await b.context().close();
});

test("the place falls live as buyers ahead are admitted; a second tab shows the same place and both go on", async ({
  browser,
}) => {
  const target = await show({ label: "Two Tabs", maxActive: 1 });
  const [first, second] = (await line(target.performanceId, 2)) as [LineBuyer, LineBuyer];
  await first.admitted();

  const page = await buyerPage(browser, "tabs");
  await page.goto(`/book/${target.scheduleId}`);
  await expect(page).toHaveURL(waitingRoomUrl(target));
  await expect(page.getByTestId("queue-position")).toHaveText("2");
  await expect(page.getByTestId("queue-ahead")).toHaveText("1");
  const bar = page.getByRole("progressbar", { name: "Your progress to the front of the line" });
  const startValue = Number(await bar.getAttribute("aria-valuenow"));

  const tab = await page.context().newPage();
  await tab.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  await expect(tab.getByTestId("queue-position")).toHaveText("2");

  await first.leave();
  await second.admitted();
  for (const view of [page, tab]) {
    await expect(view.getByTestId("queue-position")).toHaveText("1");
    await expect(view.getByTestId("queue-ahead")).toHaveText("0");
  }
  await expect
    .poll(async () => Number(await bar.getAttribute("aria-valuenow")))
    .toBeGreaterThan(startValue);
  await expect(page.getByTestId("queue-announcement")).toContainText("number", {
    timeout: 15_000,
  });

  await second.leave();
  await expect(page).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(tab).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(tab.getByRole("grid", { name: "Seats, seen from the stage" })).toBeVisible();
  await page.context().close();
});

test("on a phone, a dropped connection shows that it is reconnecting, the place is kept, and nothing moves", async ({
  browser,
}) => {
  const target = await show({ label: "Flaky Network", maxActive: 1 });
  await line(target.performanceId, 3);
  const page = await buyerPage(browser, "flaky", { width: 360, height: 740 });
  const card = page.getByTestId("waiting-card");
  const height = async () => (await card.boundingBox())?.height;
  let tickets = 0;
  page.on("request", (request) => {
    if (request.url().endsWith("/api/queue/ticket")) tickets += 1;
  });
  await page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  const connecting = await height();
  await expect(page.getByTestId("queue-position")).toHaveText("3");
  const waiting = await height();
  expect(waiting).toBe(connecting);
  // Fits the screen: the card ends inside it.
  const box = await card.boundingBox();
  expect((box?.x ?? 0) + (box?.width ?? Infinity)).toBeLessThanOrEqual(360);

  expect(tickets).toBe(1);

  await page.context().setOffline(true);
  await expect(page.getByTestId("queue-connection")).toHaveText(/Reconnecting/, {
    timeout: 15_000,
  });
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-connection", "reconnecting");
  expect(await height()).toBe(waiting);
  await page.context().setOffline(false);
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-connection", "connected", {
    timeout: 20_000,
  });
  await expect(page.getByTestId("queue-connection")).toHaveText("");
  await expect(page.getByTestId("queue-position")).toHaveText("3");
  expect(await height()).toBe(waiting);
  // The socket was reopened with a fresh ticket (the first may have expired by then).
  expect(tickets).toBeGreaterThanOrEqual(2);
  await page.context().close();
});

test("a closed sale is refused at once, with a way back", async ({ page }) => {
  const target = await show({ label: "Closed Early", maxActive: 10, closed: true });
  const account = await createAccount(page.request, prisma, { label: "late" });
  accounts.push(account);
  await signInThroughApi(page.request, account);

  await page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  const notice = page.getByTestId("queue-notice");
  await expect(notice).toHaveAttribute("data-code", "SALE_CLOSED");
  await expect(notice.getByRole("alert")).toContainText("The sale has closed");
  await expect(notice.getByRole("alert")).toContainText(
    "The sale for this performance has closed.",
  );
  await expect(notice.getByRole("button")).toHaveCount(0);
  await notice.getByRole("link", { name: "Back to the performance" }).click();
  await expect(page).toHaveURL(new RegExp(`/performances/${target.slug}$`));
});

test("before the sale opens the buyer waits in the pre-queue with a countdown, and may leave", async ({
  page,
}) => {
  const target = await show({ label: "Opening Soon", maxActive: 10, opensInMinutes: 10 });
  const account = await createAccount(page.request, prisma, { label: "early" });
  accounts.push(account);
  await signInThroughApi(page.request, account);

  await page.goto(`/queue/${target.performanceId}`);
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-state", "pre");
  await expect(page.getByTestId("queue-phase")).toContainText(/Sale opens in 00:(09|10):\d\d/);
  await expect(page.getByRole("timer")).toHaveAttribute("aria-label", /minutes?/);

  await page.getByRole("button", { name: "Leave the line" }).click();
  await expect(page.getByTestId("queue-notice")).toHaveAttribute("data-code", "left");
  await expect(page.getByRole("button", { name: "Join the line again" })).toBeVisible();
});
