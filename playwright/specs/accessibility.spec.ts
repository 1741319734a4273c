import type { Page } from "@playwright/test";
import { seedReservation } from "@ticketping/db/testing";
import { expectAccessible } from "../fixtures/axe";
import { holdSeats, lapseHoldNow } from "../fixtures/holds";
import { messagesFor } from "../fixtures/messages";
import {
  newVariantBuyer,
  openVisitor,
  PAGE_VARIANTS,
  speaks,
  variantName,
} from "../fixtures/page-variants";
import { seatMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

/** Opens a page, waits for what shows it is drawn, and checks it with axe. */
async function check(
  page: Page,
  url: string,
  ready: (page: Page) => Promise<void> = (opened) =>
    expect(opened.getByRole("heading", { level: 1 }).first()).toBeVisible(),
): Promise<void> {
  await page.goto(url);
  await ready(page);
  await expectAccessible(page, `${url} at ${page.viewportSize()?.width ?? "?"} px`);
}

const heading = (name: string | RegExp) => (page: Page) =>
  expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

// Every page of the app, in every language it speaks at every width
// (fixtures/page-variants.ts).
for (const variant of PAGE_VARIANTS) {
  const { t, pattern } = messagesFor(variant.language);
  const speaksHere = (page: Parameters<typeof speaks>[0]) => speaks(page, variant.language);

  test.describe(`accessibility, ${variantName(variant)}`, () => {
    // Many pages each, and axe reads every element of the API reference's long page: on a
    // loaded machine that takes minutes, not the one a single page gets.
    test.describe.configure({ timeout: 240_000 });

    // The catalog, a performance before and during its sale, sign-in and sign-up, email
    // confirmation and the 404; the fairness page, the API reference and the console's 403
    // in the languages they speak (PARTLY_TRANSLATED_PAGES).
    test("pages anyone can open, and a buyer's 403, each in the languages it speaks", async ({
      browser,
      baseURL,
      newShow,
      newBuyer,
    }) => {
      const onSale = await newShow({ label: "Axe On Sale" });
      const soon = await newShow({ label: "Axe Opening Soon", opensInMinutes: 60 * 24 });
      const context = await openVisitor(browser, variant, baseURL);
      try {
        const page = await context.newPage();
        await check(page, "/performances", (opened) =>
          expect(opened.getByTestId("performance-card").first()).toBeVisible(),
        );
        await check(page, `/performances/${onSale.slug}`, heading(onSale.performanceName));
        await check(page, `/performances/${soon.slug}`, heading(soon.performanceName));
        if (speaksHere("fairness")) {
          await check(page, `/performances/${onSale.slug}/fairness`, (opened) =>
            expect(opened.getByTestId("fairness-verdict")).toBeVisible(),
          );
        }
        await check(page, "/signin");
        await check(page, "/signup");
        await check(page, "/verify-email?token=not-a-real-token", (opened) =>
          expect(opened.getByRole("alert").or(opened.getByRole("status")).first()).toBeVisible(),
        );
        if (speaksHere("apiDocs")) await check(page, "/docs/api");
        await check(page, "/no-such-page");
      } finally {
        await context.close();
      }
      if (speaksHere("organizer")) {
        // A buyer where only staff may go: the 403 page.
        const buyer = await newVariantBuyer(newBuyer, "axe-forbidden", variant, { baseURL });
        await check(buyer.page, "/organizer");
      }
    });

    test("a buyer's journey: the waiting room, the seat map, checkout, payment, my tickets", async ({
      newShow,
      newBuyer,
      line,
      baseURL,
    }) => {
      const show = await newShow({ label: "Axe Journey", maxActive: 1 });
      const soon = await newShow({ label: "Axe Pre-Queue", opensInMinutes: 30 });
      const buyer = await newVariantBuyer(newBuyer, "axe-buyer", variant, { baseURL });
      const { page } = buyer;

      // Before the opening, then in line behind someone holding the one working slot.
      await check(page, `/queue/${soon.performanceId}`, (opened) =>
        expect(opened.getByTestId("waiting-room")).toHaveAttribute("data-state", "pre"),
      );
      const [ahead] = await line(show.performanceId, 1);
      await ahead?.waitForAdmission(show.performanceId);
      await check(page, `/queue/${show.performanceId}?schedule=${show.scheduleId}`, (opened) =>
        expect(opened.getByTestId("queue-position")).toHaveText("1"),
      );
      // The one ahead leaves: the room takes the buyer on to the seat map by itself.
      await ahead?.leave(show.performanceId);
      await expect(page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`), { timeout: 30_000 });
      await expect(seatMap(page)).toBeVisible();
      await expectAccessible(page, "the seat map");
      const hold = await holdSeats(page.request, {
        scheduleId: show.scheduleId,
        seatIds: [show.seat(2, 2)],
      });
      await check(page, `/book/${show.scheduleId}`, (opened) =>
        expect(opened.getByText(t("booking.heldForYou"))).toBeVisible(),
      );
      await check(page, `/checkout/${hold.reservationId}`, (opened) =>
        expect(opened.getByRole("timer")).toBeVisible(),
      );
      await page.getByRole("button", { name: pattern("checkout.pay") }).click();
      await expect(page.getByText(t("simulated.banner"))).toBeVisible();
      await expectAccessible(page, "the simulated payment page");
      await page.getByRole("button", { name: pattern("simulated.pay") }).click();
      await expect(page.getByText(t("checkout.confirmed"))).toBeVisible({
        timeout: 30_000,
      });
      await expectAccessible(page, "a confirmed checkout");
      await check(page, "/my-tickets", (opened) =>
        expect(opened.getByTestId("ticket").first()).toBeVisible(),
      );
    });

    test("a sold-out show's waitlist and its offer", async ({
      newShow,
      newBuyer,
      admit,
      prisma,
      redis,
      baseURL,
    }) => {
      const show = await newShow({ label: "Axe Waitlist", hall: { rows: 1, columns: 2 } });
      const holder = await newBuyer("axe-holder");
      await admit(holder, show.performanceId);
      const hold = await holdSeats(holder.page.request, {
        scheduleId: show.scheduleId,
        seatIds: [show.seat(1, 1), show.seat(1, 2)],
      });
      const fan = await newVariantBuyer(newBuyer, "axe-fan", variant, { baseURL });
      const { page } = fan;
      await check(page, `/performances/${show.slug}`, (opened) =>
        expect(opened.getByTestId("schedule")).toContainText(t("performance.soldOut")),
      );
      const schedule = page.getByTestId("schedule");
      await schedule.getByRole("button", { name: pattern("waitlist.joinLabel") }).click();
      // One seat (the form's first choice), and the first in line.
      await expect(schedule.getByTestId("waitlist-joined")).toContainText(
        t("waitlist.joined", { quantity: 1, position: 1 }),
      );
      await expectAccessible(page, "a show's waitlist, joined");

      await lapseHoldNow(
        { prisma, redis },
        { scheduleId: show.scheduleId, reservationId: hold.reservationId },
      );
      // The worker offers the lapsed seats to the fan, as a hold of their own.
      let offerId: string | undefined;
      await expect
        .poll(
          async () => {
            const offer = await prisma.reservation.findFirst({
              where: { userId: fan.account.id, waitlistEntryId: { not: null } },
              select: { id: true },
            });
            offerId = offer?.id;
            return offerId;
          },
          { timeout: 30_000 },
        )
        .toBeTruthy();
      await check(page, "/my-tickets", (opened) =>
        expect(opened.getByTestId("waitlist-offer-card")).toBeVisible(),
      );
      await check(page, `/waitlist/offers/${offerId ?? ""}`, (opened) =>
        expect(opened.getByTestId("waitlist-offer")).toBeVisible(),
      );
    });

    if (speaksHere("organizer")) {
      test("the organizer's console", async ({ newShow, newBuyer, prisma, baseURL }) => {
        const show = await newShow({ label: "Axe Console" });
        const organizer = await newVariantBuyer(newBuyer, "axe-organizer", variant, {
          options: { role: "ADMIN" },
          baseURL,
        });
        await seedReservation(prisma, {
          userId: organizer.account.id,
          scheduleId: show.scheduleId,
          seatIds: [show.seat(3, 1)],
          status: "CONFIRMED",
        });
        const { hallId } = await prisma.performance.findUniqueOrThrow({
          where: { id: show.performanceId },
          select: { hallId: true },
        });
        const { page } = organizer;
        await check(page, "/organizer");
        await check(page, "/organizer/halls/new");
        await check(page, `/organizer/halls/${hallId}`);
        await check(page, "/organizer/performances/new");
        await check(
          page,
          `/organizer/performances/${show.performanceId}`,
          heading(show.performanceName),
        );
        await check(page, `/organizer/performances/${show.performanceId}/orders`, (opened) =>
          expect(opened.getByRole("table").first()).toBeVisible(),
        );
        await check(page, `/organizer/shows/${show.scheduleId}`, (opened) =>
          expect(opened.getByRole("table").first()).toBeVisible(),
        );
      });
    }

    if (speaksHere("door")) {
      test("the door", async ({ newShow, newBuyer, baseURL }) => {
        const show = await newShow({ label: "Axe Door" });
        const door = await newVariantBuyer(newBuyer, "axe-door", variant, {
          options: { role: "STAFF" },
          baseURL,
        });
        await check(door.page, "/door");
        await check(door.page, `/door?show=${show.scheduleId}`, (opened) =>
          expect(opened.locator("#door-code")).toBeVisible(),
        );
      });
    }
  });
}
