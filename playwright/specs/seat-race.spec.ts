import type { Page, Response } from "@playwright/test";
import { seatOnMap } from "../fixtures/seat-map";
import { expect, test, type Buyer } from "../fixtures/test";

test("two buyers press hold on the same seat at once: one gets it, the other is told and sees it taken", async ({
  show,
  newBuyer,
  admit,
  prisma,
}) => {
  const buyers = [await newBuyer("racer-a"), await newBuyer("racer-b")];
  for (const buyer of buyers) await admit(buyer, show.performanceId);
  const contested = show.seat(2, 3);
  const seatOf = (page: Page) => seatOnMap(page, contested);

  for (const { page } of buyers) {
    await page.goto(`/book/${show.scheduleId}`);
    await seatOf(page).click();
    await expect(seatOf(page)).toHaveAccessibleName("Row 2, seat 3, S, €70.00, selected");
  }

  // Both saw the seat free when they pressed hold. The seat-map polls are held back until
  // both holds were answered, so neither page can learn of the other's hold from a poll
  // landing between the two clicks: the race is decided by the hold API alone.
  let releasePolls = () => {};
  const pollsHeld = new Promise<void>((resolve) => {
    releasePolls = resolve;
  });
  const seatMapUrl = `**/api/schedules/${show.scheduleId}/seat-map`;
  for (const { page } of buyers) {
    await page.route(seatMapUrl, async (route) => {
      await pollsHeld;
      // The page may have given up on a held poll meanwhile (a refetch replaces it).
      await route.continue().catch(() => undefined);
    });
  }

  const holdAnswer = (page: Page) =>
    page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/schedules/${show.scheduleId}/holds`) &&
        response.request().method() === "POST",
    );
  const answers: Response[] = await Promise.all(
    buyers.map(async ({ page }) => {
      const answer = holdAnswer(page);
      await page.getByRole("button", { name: "Hold 1 seat" }).click();
      return answer;
    }),
  );
  releasePolls();
  for (const { page } of buyers) await page.unroute(seatMapUrl);

  const statuses = answers.map((answer) => answer.status());
  expect([...statuses].sort()).toEqual([201, 409]);
  const [winner, loser] = (statuses[0] === 201 ? buyers : [...buyers].reverse()) as [Buyer, Buyer];
  const refused = answers[statuses[0] === 201 ? 1 : 0];
  expect(((await refused?.json()) as { error: { code: string } }).error.code).toBe(
    "SEAT_UNAVAILABLE",
  );

  await expect(winner.page.getByText("Held for you for")).toBeVisible();
  await expect(seatOf(winner.page)).toHaveAccessibleName(/held by you/);

  await expect(
    loser.page
      .getByRole("status")
      .filter({ hasText: "Sorry, Row 2, seat 3 was just taken by someone else." }),
  ).toBeVisible();
  // Taken in the loser's own map, without a reload, and no longer selectable for them.
  await expect(seatOf(loser.page)).toHaveAccessibleName(/held by someone else/, {
    timeout: 10_000,
  });
  await expect(loser.page.getByRole("button", { name: /^Hold/ })).toBeDisabled();

  // The database agrees: one live reservation of the seat, the winner's.
  const holds = await prisma.reservation.findMany({
    where: { scheduleId: show.scheduleId, seats: { some: { seatId: contested } } },
    select: { userId: true, status: true },
  });
  expect(holds).toEqual([{ userId: winner.account.id, status: "PENDING" }]);
});
