import type { Locator, Page } from "@playwright/test";
import { seedReservation } from "@ticketping/db/testing";
import { messagesFor } from "../fixtures/messages";
import {
  newVariantBuyer,
  PAGE_VARIANTS,
  speaks,
  variantName,
  WIDTHS,
  type PageVariant,
} from "../fixtures/page-variants";
import { seatMap, seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

// The same show on every run: an exact name and fixed dates, so every page draws the same.
const SHOW_NAME = "Midsummer Strings";
const SALE_WINDOW = {
  opensAt: new Date("2026-01-05T01:00:00Z"),
  closesAt: new Date("2040-06-01T12:00:00Z"),
};
const SHOWS_AT = new Date("2040-06-12T10:00:00Z");
const BOUGHT_AT = new Date("2026-03-02T04:30:00Z");

/**
 * Compares the whole page with its committed baseline (see playwright/README.md to make
 * them again). Countdowns and the signed-in name are always masked; `mask` adds what else
 * differs on every run by design (ids, codes).
 */
async function expectLooksTheSame(
  page: Page,
  name: string,
  variant: PageVariant,
  mask: Locator[] = [],
): Promise<void> {
  // Soft: one changed page must not hide whether the others changed too.
  await expect
    .soft(page)
    .toHaveScreenshot(`${name}-${WIDTHS[variant.width].width}-${variant.language}.png`, {
      fullPage: true,
      mask: [page.getByTestId("signed-in-user"), page.getByRole("timer"), ...mask],
    });
}

for (const variant of PAGE_VARIANTS) {
  const { t, pattern } = messagesFor(variant.language);

  test(`the key pages look as they did, ${variantName(variant)}`, async ({
    newShow,
    newBuyer,
    line,
    prisma,
    baseURL,
  }) => {
    test.setTimeout(240_000);
    const show = await newShow({
      name: SHOW_NAME,
      saleWindow: SALE_WINDOW,
      showsAt: SHOWS_AT,
      maxActive: 1,
    });
    const buyer = await newVariantBuyer(newBuyer, "shots-buyer", variant, { baseURL });
    const rival = await newBuyer("shots-rival");
    await seedReservation(prisma, {
      userId: rival.account.id,
      scheduleId: show.scheduleId,
      seatIds: [show.seat(1, 3), show.seat(1, 4)],
      status: "CONFIRMED",
    });
    await seedReservation(prisma, {
      userId: buyer.account.id,
      scheduleId: show.scheduleId,
      seatIds: [show.seat(3, 5), show.seat(3, 6)],
      status: "CONFIRMED",
      createdAt: BOUGHT_AT,
    });
    const { page } = buyer;

    await page.goto(`/performances?q=${encodeURIComponent(SHOW_NAME)}`);
    await expect(page.getByTestId("performance-card")).toHaveCount(1);
    await expectLooksTheSame(page, "catalog", variant);

    await page.goto(`/performances/${show.slug}`);
    await expect(page.getByTestId("schedule")).toBeVisible();
    await expectLooksTheSame(page, "performance", variant, [
      page.getByTestId("fairness-commitment"),
    ]);

    await page.goto("/my-tickets");
    await expect(page.getByTestId("ticket")).toHaveCount(2);
    await expectLooksTheSame(page, "my-tickets", variant, [
      page.getByRole("img", { name: pattern("tickets.ticketTitle") }),
      page.getByLabel(t("tickets.ticketReference")),
    ]);

    // In line behind the one buyer at work: first, and next.
    const [ahead] = await line(show.performanceId, 1);
    await ahead?.waitForAdmission(show.performanceId);
    await page.goto(`/queue/${show.performanceId}?schedule=${show.scheduleId}`);
    await expect(page.getByTestId("queue-position")).toHaveText("1");
    await expect(page.getByTestId("queue-wait")).toHaveText(t("wait.next"));
    await expectLooksTheSame(page, "waiting-room", variant, [
      page.getByTestId("fairness-pseudonym"),
    ]);

    // The one ahead leaves: on to the seat map, where the buyer picks a seat.
    await ahead?.leave(show.performanceId);
    await expect(page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`), { timeout: 30_000 });
    await expect(seatMap(page)).toBeVisible();
    await seatOnMap(page, show.seat(2, 2)).click();
    const holdOne = page.getByRole("button", { name: t("booking.hold", { count: 1 }) });
    await expect(holdOne).toBeEnabled();
    await expectLooksTheSame(page, "seat-map", variant);

    await holdOne.click();
    await page.getByRole("link", { name: t("booking.continue") }).click();
    await expect(page).toHaveURL(/\/checkout\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("timer")).toBeVisible();
    await expectLooksTheSame(page, "checkout", variant);

    if (!speaks("organizer", variant.language)) return;
    const organizer = await newVariantBuyer(newBuyer, "shots-organizer", variant, {
      options: { role: "ADMIN" },
      baseURL,
    });
    await organizer.page.goto(`/organizer/performances/${show.performanceId}`);
    const console = organizer.page;
    await expect(console.getByRole("heading", { level: 1, name: SHOW_NAME })).toBeVisible();
    // Live: 18 seats, 4 sold, 1 held by the buyer.
    await expect(console.getByTestId("stat-available")).toHaveText("13");
    // The live figures, charts and fairness report follow the clock (their layout does not).
    await expectLooksTheSame(console, "organizer-performance", variant, [
      console.locator('section[aria-labelledby="live-heading"]').locator("dd, svg"),
      console.locator('section[aria-labelledby="report-heading"]').locator("dd"),
      console.locator('input[name="slug"]'),
    ]);
  });
}
