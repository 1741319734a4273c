import type { Page } from "@playwright/test";
import { seatMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

const onSeatMap = (page: Page) => seatMap(page).isVisible();

test("a buyer behind a general round the organizer moved later waits with a countdown and goes in at the new instant", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  test.setTimeout(240_000);
  // One slot at a time, and a short one: without the pause the second buyer would go in
  // as soon as the first one's slot lapses, well before the moved instant.
  const show = await newShow({
    label: "Paused Round",
    powComplexity: 0,
    maxActive: 1,
    tokenTtlSeconds: 15,
  });
  const firstInstant = new Date(Date.now() + 40_000);
  await prisma.performance.update({
    where: { id: show.performanceId },
    data: { generalSaleOpensAt: firstInstant },
  });

  // Two buyers without a code wait in the general sale's pre-queue.
  const buyers = [await newBuyer("pausedfan1"), await newBuyer("pausedfan2")];
  for (const buyer of buyers) {
    await buyer.page.goto(`/book/${show.scheduleId}`);
    const room = buyer.page.getByTestId("waiting-room");
    await expect(room).toHaveAttribute("data-state", "presale");
    await buyer.page.getByRole("button", { name: "Wait for the general sale" }).click();
    await expect(room).toHaveAttribute("data-state", "pre");
  }
  expect(Date.now()).toBeLessThan(firstInstant.getTime());

  // The general sale opens: one goes to the seats, the other waits behind the one slot.
  await expect
    .poll(async () => (await Promise.all(buyers.map((b) => onSeatMap(b.page)))).filter(Boolean), {
      timeout: 90_000,
    })
    .toEqual([true]);
  const waiting = (await onSeatMap(buyers[0]?.page as Page)) ? buyers[1] : buyers[0];
  if (!waiting) throw new Error("no waiting buyer");
  const room = waiting.page.getByTestId("waiting-room");
  await expect(room).toHaveAttribute("data-state", "waiting");

  // The organizer moves the general sale later: the round (and everyone behind it) waits.
  const organizer = await newBuyer("pausedorg", { role: "ADMIN" });
  await organizer.page.goto("/organizer");
  const movedInstant = new Date(Date.now() + 35_000);
  const moved = await organizer.page.evaluate(
    async ({ performanceId, opensAt }) => {
      const response = await fetch(`/api/admin/performances/${performanceId}`, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ generalSaleOpensAt: opensAt }),
      });
      return response.status;
    },
    { performanceId: show.performanceId, opensAt: movedInstant.toISOString() },
  );
  expect(moved).toBe(200);

  // The waiting buyer's page counts down to the moved instant, still in line.
  const phase = waiting.page.getByTestId("queue-phase");
  await expect(phase).toContainText("Sale opens in", { timeout: 20_000 });
  await expect(room).toHaveAttribute("data-state", "waiting");

  // At the moved instant (not when the first buyer's short slot lapsed) they go in.
  await expect(seatMap(waiting.page)).toBeVisible({ timeout: 90_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(movedInstant.getTime());
  await expect(waiting.page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`));
});
