import { grantKey, queueKeys } from "@ticketping/common/queue";
import type { QueueClient } from "../fixtures/queue-client";
import { buySeats, seatMap, seatOnMap } from "../fixtures/seat-map";
import { sellOut, type Show } from "../fixtures/shows";
import { queueEnv } from "../fixtures/system-env";
import { expect, test } from "../fixtures/test";

const waitingRoomUrl = (target: Show) =>
  new RegExp(`/queue/${target.performanceId}\\?schedule=${target.scheduleId}$`);
const bookUrl = (target: Show) => new RegExp(`/book/${target.scheduleId}$`);

test("maxActive 1: B waits at place 1 while A buys, and is admitted by itself once A's purchase is confirmed", async ({
  newShow,
  newBuyer,
}) => {
  const target = await newShow({ label: "One At A Time", maxActive: 1 });
  const { page: a } = await newBuyer("first");
  const { page: b } = await newBuyer("second");

  // A finds an empty line with room: straight through the waiting room to the seats.
  await a.goto(`/book/${target.scheduleId}`);
  await expect(a).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(seatMap(a)).toBeVisible();

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
  // At the front the wait is "next" and the bar is full, whatever the pace meanwhile: the
  // screen reader hears the same.
  await expect(b.getByTestId("queue-wait")).toHaveText("You’re next");
  await expect(
    b.getByRole("progressbar", { name: "Your progress to the front of the line" }),
  ).toHaveAttribute("aria-valuenow", "100");
  await expect(b.getByTestId("queue-announcement")).toContainText("Estimated wait: You’re next.", {
    timeout: 15_000,
  });

  await buySeats(a, { seatIds: [target.seat(1, 1)], total: "€180.00" });

  // Nobody touches B's page: the confirmation frees A's slot and B goes on by itself.
  await expect(b).toHaveURL(bookUrl(target), { timeout: 30_000 });
  await expect(seatMap(b)).toBeVisible();
  await expect(seatOnMap(b, target.seat(1, 1))).toHaveAccessibleName(/sold/);
  // Two documents only: the gate's redirect into the room, then the room's own step to
  // the seats. No reload in between.
  expect(bLoads).toEqual([`/queue/${target.performanceId}`, `/book/${target.scheduleId}`]);
});

test("the place falls live as buyers ahead are admitted; a second tab shows the same place and both go on", async ({
  newShow,
  newBuyer,
  line,
}) => {
  const target = await newShow({ label: "Two Tabs", maxActive: 1 });
  const [first, second] = (await line(target.performanceId, 2)) as [QueueClient, QueueClient];
  await first.waitForAdmission(target.performanceId);

  const { page } = await newBuyer("tabs");
  await page.goto(`/book/${target.scheduleId}`);
  await expect(page).toHaveURL(waitingRoomUrl(target));
  await expect(page.getByTestId("queue-position")).toHaveText("2");
  await expect(page.getByTestId("queue-ahead")).toHaveText("1");
  const bar = page.getByRole("progressbar", { name: "Your progress to the front of the line" });
  const startValue = Number(await bar.getAttribute("aria-valuenow"));

  const tab = await page.context().newPage();
  await tab.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  await expect(tab.getByTestId("queue-position")).toHaveText("2");

  await first.leave(target.performanceId);
  await second.waitForAdmission(target.performanceId);
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

  await second.leave(target.performanceId);
  await expect(page).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(tab).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(seatMap(tab)).toBeVisible();
});

test("on a phone, a dropped connection shows that it is reconnecting, the place is kept, and nothing moves", async ({
  newShow,
  newBuyer,
  line,
}) => {
  const target = await newShow({ label: "Flaky Network", maxActive: 1 });
  await line(target.performanceId, 3);
  const { page } = await newBuyer("flaky", { phone: { width: 360, height: 740 } });
  const card = page.getByTestId("waiting-card");
  const height = async () => (await card.boundingBox())?.height;
  // Tickets given (a first ask without a proof of work is refused, POW_REQUIRED).
  let tickets = 0;
  page.on("response", (response) => {
    if (response.url().endsWith("/api/queue/ticket") && response.ok()) tickets += 1;
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
});

test("the organizer's browser check runs first, with its progress shown, and only once per buyer", async ({
  newShow,
  newBuyer,
  line,
}) => {
  // Heavy enough to be seen (about a second here), as a real sale would set it.
  const target = await newShow({ label: "Checked Entry", maxActive: 1, powComplexity: 8_000 });
  await line(target.performanceId, 3);
  const { page } = await newBuyer("checked");
  const challenges: string[] = [];
  const ticketBodies: unknown[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/pow/challenge")) challenges.push(request.url());
    if (request.url().endsWith("/api/queue/ticket")) ticketBodies.push(request.postDataJSON());
  });
  await page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);

  const check = page.getByTestId("pow-status");
  await expect(check.getByRole("status")).toHaveText("Checking your browser…");
  await expect(check.getByRole("progressbar", { name: "Checking your browser…" })).toBeVisible();
  await expect(page.getByTestId("queue-position")).toHaveText("3", { timeout: 30_000 });
  await expect(check).toHaveCount(0);
  expect(challenges).toHaveLength(1);
  expect(challenges[0]).toContain(`purpose=queue&performanceId=${target.performanceId}`);
  // Asked without one, refused, then asked with the solved challenge.
  expect(ticketBodies).toHaveLength(2);
  expect(ticketBodies[1]).toMatchObject({
    performanceId: target.performanceId,
    pow: { challenge: { parameters: { data: { purpose: "queue" } } } },
  });

  // A reload keeps the place and needs no second check: the entry pass.
  await page.reload();
  await expect(page.getByTestId("queue-position")).toHaveText("3");
  expect(challenges).toHaveLength(1);
});

test("a closed sale is refused at once, with a way back", async ({ newShow, newBuyer }) => {
  const target = await newShow({ label: "Closed Early", maxActive: 10, closed: true });
  const { page } = await newBuyer("late");

  await page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  const notice = page.getByTestId("queue-notice");
  await expect(notice).toHaveAttribute("data-code", "SALE_CLOSED");
  await expect(notice.getByRole("alert")).toContainText("The sale has closed");
  await expect(notice.getByRole("alert")).toContainText("Booking for this performance has ended.");
  await expect(notice.getByRole("button")).toHaveCount(0);
  await notice.getByRole("link", { name: "Back to the performance" }).click();
  await expect(page).toHaveURL(new RegExp(`/performances/${target.slug}$`));
});

test("a sold-out show says so on its page and at the door of the waiting room", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  const target = await newShow({ label: "Full House", maxActive: 10 });
  const { account: collector } = await newBuyer("collector", { signedIn: false });
  await sellOut(prisma, target, collector.id);
  const { page } = await newBuyer("too-late");

  await page.goto(`/performances/${target.slug}`);
  await expect(page.getByTestId("sale-status").getByRole("status")).toHaveText("Sold out");
  await expect(page.getByTestId("sale-status")).toContainText("Every seat is taken.");
  await expect(page.getByRole("link", { name: /^Book / })).toHaveCount(0);

  // A bookmarked or shared link to the waiting room is refused at once, with a way back.
  await page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  const notice = page.getByTestId("queue-notice");
  await expect(notice).toHaveAttribute("data-code", "SOLD_OUT");
  await expect(notice.getByRole("heading", { name: "Sold out" })).toBeVisible();
  await expect(notice.getByRole("alert")).toContainText("go to the show's waitlist");
  // Nothing says "You're in line" or waits on the sale's state beside the refusal.
  await expect(page.getByText("You’re in line")).toHaveCount(0);
  await expect(page.getByTestId("queue-phase")).toHaveCount(0);
  await expect(notice.getByRole("button")).toHaveCount(0);
  await notice.getByRole("link", { name: "Back to the performance" }).click();
  await expect(page).toHaveURL(new RegExp(`/performances/${target.slug}$`));
});

test("before the sale opens the buyer waits in the pre-queue with a countdown, and may leave", async ({
  newShow,
  newBuyer,
}) => {
  const target = await newShow({ label: "Opening Soon", maxActive: 10, opensInMinutes: 10 });
  const { page } = await newBuyer("early");

  // The performance page invites into the pre-queue: it is open 30 min before the sale.
  await page.goto(`/performances/${target.slug}`);
  await expect(page.getByTestId("pre-queue-note")).toContainText("The waiting room is open");
  await page.getByRole("link", { name: /^Join the pre-queue for/ }).click();
  await expect(page).toHaveURL(new RegExp(`/queue/${target.performanceId}\\?schedule=`));
  await expect(page.getByTestId("waiting-room")).toHaveAttribute("data-state", "pre");
  await expect(page.getByRole("heading", { name: "You’re in the pre-queue" })).toBeVisible();
  await expect(page.getByTestId("queue-phase")).toContainText(/Sale opens in 00:(09|10):\d\d/);
  await expect(page.getByRole("timer")).toHaveAttribute("aria-label", /minutes?/);

  await page.getByRole("button", { name: "Leave the line" }).click();
  await expect(page.getByTestId("queue-notice")).toHaveAttribute("data-code", "left");
  await expect(page.getByRole("button", { name: "Join the line again" })).toBeVisible();
});

test("too early for the pre-queue: the room says when it opens, counts down, and offers nothing to click yet", async ({
  newShow,
  newBuyer,
}) => {
  // The pre-queue opens 30 min before the sale: this one opens in two hours.
  const target = await newShow({ label: "Far Ahead", maxActive: 10, opensInMinutes: 120 });
  const { page } = await newBuyer("too-early");

  await page.goto(`/performances/${target.slug}`);
  await expect(page.getByTestId("pre-queue-note")).toContainText("The waiting room opens");
  await expect(page.getByTestId("schedule")).toContainText("Opens soon");

  await page.goto(`/queue/${target.performanceId}?schedule=${target.scheduleId}`);
  const notice = page.getByTestId("queue-notice");
  await expect(notice).toHaveAttribute("data-code", "NOT_OPEN_YET");
  await expect(
    notice.getByRole("heading", { name: "The waiting room is not open yet" }),
  ).toBeVisible();
  await expect(notice).toContainText("a random place in line at the opening");
  await expect(notice.getByRole("timer")).toHaveText(/^01:(29|30):\d\d$/);
  await expect(notice.getByRole("button", { name: "Join the pre-queue" })).toBeDisabled();
});

test("a buyer whose booking slot ends is told so, and joins the line again only when they choose", async ({
  newShow,
  newBuyer,
  admit,
  redis,
}) => {
  const target = await newShow({ label: "Slot Ends", maxActive: 10 });
  const buyer = await newBuyer("slot-ends");
  await admit(buyer, target.performanceId);
  const { page } = buyer;
  await page.goto(`/book/${target.scheduleId}`);
  await expect(seatMap(page)).toBeVisible();

  // The slot ends (revoked here; a lapse ends it the same way) with no seats held.
  await redis.del(grantKey(queueEnv.QUEUE_KEY_PREFIX, target.performanceId, buyer.account.id));
  await expect(page).toHaveURL(/\/queue\/[0-9a-f-]+\?schedule=[0-9a-f-]+&ended=slot$/, {
    timeout: 15_000,
  });
  const notice = page.getByTestId("queue-notice");
  await expect(notice.getByRole("heading", { name: "Your booking slot has ended" })).toBeVisible();
  await expect(page.getByText("You’re in line")).toHaveCount(0);
  // Not silently back in line.
  const waiting = queueKeys(queueEnv.QUEUE_KEY_PREFIX, target.performanceId).waiting;
  expect(await redis.zscore(waiting, buyer.account.id)).toBeNull();

  await notice.getByRole("button", { name: "Join the line again" }).click();
  await expect(page).toHaveURL(bookUrl(target), { timeout: 15_000 });
  await expect(seatMap(page)).toBeVisible();
});
