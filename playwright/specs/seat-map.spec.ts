import type { Locator, Page } from "@playwright/test";
import { holdSeats } from "../fixtures/holds";
import { seatMap, seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

/** Tabs from the top of the page until a seat has the focus, as a keyboard user would. */
async function tabToSeatMap(page: Page): Promise<void> {
  const focusedSeat = page.locator("[data-seat-id]:focus");
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press("Tab");
    if ((await focusedSeat.count()) > 0) return;
  }
  throw new Error("Tab never reached a seat");
}

/** The focused seat's ring as drawn: present, at least 2 px wide, dark. */
async function expectFocusRing(seat: Locator): Promise<void> {
  await expect(seat.and(seat.page().locator(":focus-visible"))).toHaveCount(1);
  await expect(seat).not.toHaveCSS("outline-style", "none");
  await expect(seat).toHaveCSS("outline-width", /^([2-9]|\d{2,})(\.\d+)?px$/);
  // Near-black (slate-950): dark against the white page and every seat colour's edge.
  await expect(seat).toHaveCSS(
    "outline-color",
    /^(rgb\(\d{1,2}, |oklch\(0\.[12]|lab\(\d(\.\d+)? )/,
  );
}

test("the seat focused by keyboard shows a clear ring, on a free seat and on a taken one", async ({
  show,
  newBuyer,
  admit,
}) => {
  const buyer = await newBuyer("focus");
  await admit(buyer, show.performanceId);
  const rival = await newBuyer("focus-rival");
  await admit(rival, show.performanceId);
  await holdSeats(rival.context.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(1, 3)],
  });
  const { page } = buyer;
  await page.goto(`/book/${show.scheduleId}`);
  const seat = (row: number, column: number) => seatOnMap(page, show.seat(row, column));
  await expect(seat(1, 3)).toHaveAccessibleName(/held by someone else/);

  await tabToSeatMap(page);
  await expect(seat(1, 1)).toBeFocused();
  for (const [key, row, column] of [
    ["ArrowRight", 1, 2],
    ["ArrowRight", 1, 3],
    ["ArrowDown", 2, 3],
  ] as const) {
    await page.keyboard.press(key);
    await expect(seat(row, column)).toBeFocused();
    await expectFocusRing(seat(row, column));
  }

  // The grid hears its seats' clicks: Space chooses the focused seat, a click another; the
  // held seat cannot be chosen (it would show up as "just taken" if it had been).
  await page.keyboard.press("Space");
  await expect(seat(2, 3)).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowUp");
  await expect(seat(1, 3)).toBeFocused();
  await page.keyboard.press("Space");
  await seat(2, 4).click();
  await expect(page.getByRole("button", { name: "Hold 2 seats" })).toBeEnabled();
  await expect(seat(1, 3)).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText("just taken by someone else")).toBeHidden();
});

test("on a laptop the legend is in view above the hall, draws seats exactly as the map does, and the grid is numbered", async ({
  newShow,
  newBuyer,
  admit,
}) => {
  const show = await newShow({ hall: { rows: 14, columns: 25 } });
  const buyer = await newBuyer("legend");
  await admit(buyer, show.performanceId);
  const rival = await newBuyer("legend-rival");
  await admit(rival, show.performanceId);
  await holdSeats(rival.context.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(3, 5)],
  });
  const { page } = buyer;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/book/${show.scheduleId}`);
  const seat = (row: number, column: number) => seatOnMap(page, show.seat(row, column));

  const prices = page.getByRole("list", { name: "Prices" });
  const states = page.getByRole("list", { name: "Seat states" });
  await expect(prices).toBeInViewport({ ratio: 1 });
  await expect(states).toBeInViewport({ ratio: 1 });

  // Held reads without colour: a mark inside the seat, and the name says it.
  await expect(seat(3, 5)).toHaveAccessibleName("Row 3, seat 5, S, €70.00, held by someone else");
  await expect(seat(3, 5)).toHaveText("–");

  const face = (locator: Locator) => locator.locator("[data-seat-face]");
  const swatch = (state: string) => page.locator(`[data-legend-state="${state}"] [data-seat-face]`);
  const expectSameLook = async (state: string, onMap: Locator) => {
    const [legendClasses, mapClasses] = await Promise.all([
      swatch(state).first().getAttribute("class"),
      face(onMap).getAttribute("class"),
    ]);
    expect(legendClasses, `legend swatch of ${state}`).toBe(mapClasses);
    expect(await swatch(state).first().textContent()).toBe(await face(onMap).textContent());
  };
  await expectSameLook("available", seat(2, 1));
  await expectSameLook("held", seat(3, 5));
  await seat(2, 1).click();
  await expect(seat(2, 1)).toHaveAttribute("data-state", "selected");
  await expectSameLook("selected", seat(2, 1));
  await page.getByRole("button", { name: "Hold 1 seat" }).click();
  await expect(seat(2, 1)).toHaveAttribute("data-state", "yours");
  await expectSameLook("yours", seat(2, 1));

  // Seat numbers along the top and row numbers down the side, as the seats are named.
  const grid = seatMap(page);
  await expect(grid.getByRole("columnheader")).toHaveText(
    Array.from({ length: 25 }, (_, c) => String(c + 1)),
  );
  await expect(grid.getByRole("rowheader")).toHaveText(
    Array.from({ length: 14 }, (_, r) => `Row ${r + 1}`),
  );
  // Nothing hidden to the side on a laptop, so no hint.
  await expect(page.getByText("More seats to the right")).toBeHidden();
});

test("on a phone the map says seats lie off-screen, zooms to seats a finger can hit, and a tapped seat can be held", async ({
  newShow,
  newBuyer,
  admit,
}) => {
  const show = await newShow({ hall: { rows: 10, columns: 25 } });
  const buyer = await newBuyer("phone", { phone: { width: 390, height: 844 } });
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  await page.goto(`/book/${show.scheduleId}`);
  const seat = (row: number, column: number) => seatOnMap(page, show.seat(row, column));
  await expect(seat(1, 1)).toBeVisible();

  await expect(seat(4, 25)).not.toBeInViewport();
  await expect(page.getByText("More seats to the right →")).toBeVisible();
  await expect(page.getByText("← More seats to the left")).toBeHidden();

  const widthOf = async (locator: Locator) => (await locator.boundingBox())?.width ?? 0;
  expect(await widthOf(seat(4, 12))).toBeLessThan(24);
  await page.getByRole("button", { name: "Zoom in" }).tap();
  await expect.poll(() => widthOf(seat(4, 12))).toBeGreaterThanOrEqual(24);
  await expect(page.getByText("More seats to the right →")).toBeVisible();

  // Panned to the far side, the hint turns round.
  await page
    .getByTestId("seat-map-scroller")
    .evaluate((element: { scrollLeft: number; scrollWidth: number }) => {
      element.scrollLeft = element.scrollWidth;
    });
  await expect(page.getByText("← More seats to the left")).toBeVisible();
  await expect(page.getByText("More seats to the right →")).toBeHidden();
  await expect(seat(4, 25)).toBeInViewport();

  await seat(4, 25).tap();
  await expect(seat(4, 25)).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Hold 1 seat" }).tap();
  await expect(page.getByText("Held for you for")).toBeVisible();
  await expect(seat(4, 25)).toHaveAccessibleName(/held by you/);
});
