import type { Locator, Page } from "@playwright/test";
import { expectAccessible } from "../fixtures/axe";
import { buySeats, seatMap, seatOnMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

// A hall of 6 rows x 10 seats: row 1 is VIP (€180), the rest S (€70).
const HALL = { rows: 6, columns: 10 };

/** Tabs from the top of the page until a seat has the focus, as a keyboard user would. */
async function tabToSeatMap(page: Page): Promise<void> {
  const focusedSeat = page.locator("[data-seat-id]:focus");
  for (let presses = 0; presses < 40; presses += 1) {
    await page.keyboard.press("Tab");
    if ((await focusedSeat.count()) > 0) return;
  }
  throw new Error("Tab never reached a seat");
}

const box = async (locator: Locator) => {
  const found = await locator.boundingBox();
  if (!found) throw new Error("not laid out");
  return found;
};

/** The space between two seats side by side (or one above the other). */
async function gapBetween(first: Locator, second: Locator, axis: "x" | "y"): Promise<number> {
  const [a, b] = [await box(first), await box(second)];
  return axis === "x" ? b.x - (a.x + a.width) : b.y - (a.y + a.height);
}

test("an organizer adds aisles and sections in words; on a laptop the map draws the gaps and labels and arrows step over the aisle", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  const show = await newShow({ hall: HALL });
  const { hallId } = await prisma.performance.findUniqueOrThrow({
    where: { id: show.performanceId },
    select: { hallId: true },
  });

  const organizer = await newBuyer("plan-organizer", { role: "ADMIN" });
  const consolePage = organizer.page;
  await consolePage.goto(`/organizer/halls/${hallId}`);
  const editor = consolePage.getByRole("region", { name: "Aisles and sections" });
  await expect(
    editor.getByText("No sections: the seat map shows the hall as one block."),
  ).toBeVisible();

  await editor.getByRole("button", { name: "Add an aisle between rows" }).click();
  await editor.getByLabel("After row").fill("2");
  await editor.getByRole("button", { name: "Add an aisle between seats" }).click();
  await editor.getByLabel("After seat").fill("5");

  await editor.getByRole("button", { name: "Add a section" }).click();
  const floor = editor.getByRole("group", { name: "Section 1" });
  await floor.getByLabel("Name").fill("Floor A");
  await floor.getByLabel("Last row").fill("4");
  await editor.getByRole("button", { name: "Add a section" }).click();
  const balcony = editor.getByRole("group", { name: "Section 2" });
  await expect(balcony.getByLabel("First row")).toHaveValue("5");
  await balcony.getByLabel("Name").fill("Balcony");
  // One row too far up: the sections would share row 4.
  await balcony.getByLabel("First row").fill("4");
  await editor.getByRole("button", { name: "Save aisles and sections" }).click();
  await expect(balcony.getByLabel("Name")).toHaveAccessibleDescription(
    /It overlaps Floor A: a seat can be in one section only\./,
  );
  await expect(editor.getByRole("alert")).toHaveText(
    "Some fields need fixing: see the messages beside them.",
  );
  await balcony.getByLabel("First row").fill("5");
  await editor.getByRole("button", { name: "Save aisles and sections" }).click();
  await expect(editor.getByRole("status")).toHaveText(
    "Saved. The seat maps of this hall's shows now show them.",
  );
  await consolePage.reload();
  await expect(
    consolePage.getByRole("group", { name: "Section 2" }).getByLabel("Name"),
  ).toHaveValue("Balcony");
  await expectAccessible(consolePage, "hall page with aisles and sections");

  const buyer = await newBuyer("plan-laptop");
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/book/${show.scheduleId}`);
  const seat = (row: number, column: number) => seatOnMap(page, show.seat(row, column));
  const grid = seatMap(page);
  await expect(seat(1, 1)).toBeVisible();

  // Labelled sections, and the seats' names say which.
  await expect(grid.locator('[data-section-label="Floor A"]')).toBeVisible();
  await expect(grid.locator('[data-section-label="Balcony"]')).toBeVisible();
  await expect(seat(1, 6)).toHaveAccessibleName("Floor A, row 1, seat 6, VIP, €180.00, available");
  await expect(seat(5, 2)).toHaveAccessibleName("Balcony, row 5, seat 2, S, €70.00, available");
  // The labels sit above their sections.
  expect((await box(grid.locator('[data-section-label="Balcony"]'))).y).toBeLessThan(
    (await box(seat(5, 1))).y,
  );
  expect((await box(grid.locator('[data-section-label="Balcony"]'))).y).toBeGreaterThan(
    (await box(seat(4, 1))).y,
  );

  // Aisles are visible gaps, wider than the space between neighbours.
  const neighbours = await gapBetween(seat(1, 4), seat(1, 5), "x");
  expect(await gapBetween(seat(1, 5), seat(1, 6), "x")).toBeGreaterThan(neighbours + 6);
  expect(await gapBetween(seat(2, 1), seat(3, 1), "y")).toBeGreaterThan(neighbours + 6);
  // Numbers stay the hall's own, each above its own seat whatever lies between.
  await expect(grid.getByRole("columnheader")).toHaveText(
    Array.from({ length: HALL.columns }, (_, c) => String(c + 1)),
  );
  const header6 = await box(grid.getByRole("columnheader", { name: "Seat 6" }));
  const seat6 = await box(seat(1, 6));
  expect(Math.abs(header6.x + header6.width / 2 - (seat6.x + seat6.width / 2))).toBeLessThan(2);
  await expect(grid.getByRole("rowheader")).toHaveText(
    Array.from({ length: HALL.rows }, (_, r) => `Row ${r + 1}`),
  );
  // A laptop sees the whole hall: no section chooser.
  await expect(page.getByTestId("section-chooser")).toBeHidden();

  // Arrows step over aisles to the next seat, across and down.
  await tabToSeatMap(page);
  await expect(seat(1, 1)).toBeFocused();
  for (let step = 0; step < 4; step += 1) await page.keyboard.press("ArrowRight");
  await expect(seat(1, 5)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(seat(1, 6)).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(seat(1, 5)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(seat(3, 5)).toBeFocused();
  await page.keyboard.press("End");
  await expect(seat(3, 10)).toBeFocused();

  await expectAccessible(page, "seat map with aisles and sections");
});

test("on a phone a buyer picks a section first, and buys a seat in it", async ({
  newShow,
  newBuyer,
  admit,
  prisma,
}) => {
  const show = await newShow({ hall: { rows: 12, columns: 24 } });
  await prisma.hall.update({
    where: {
      id: (
        await prisma.performance.findUniqueOrThrow({
          where: { id: show.performanceId },
          select: { hallId: true },
        })
      ).hallId,
    },
    data: {
      aisleAfterRows: [6],
      aisleAfterColumns: [12],
      sections: [
        { name: "Stalls", fromRow: 1, toRow: 6, fromColumn: 1, toColumn: 24 },
        { name: "Balcony", fromRow: 7, toRow: 12, fromColumn: 1, toColumn: 24 },
      ],
    },
  });
  const buyer = await newBuyer("plan-phone", { phone: { width: 390, height: 844 } });
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  await page.goto(`/book/${show.scheduleId}`);
  const seat = (row: number, column: number) => seatOnMap(page, show.seat(row, column));
  await expect(seat(1, 1)).toBeVisible();

  const chooser = page.getByRole("group", { name: "Go to a section:" });
  await expect(chooser).toBeVisible();
  await chooser.getByRole("button", { name: "Balcony" }).tap();
  await expect(chooser.getByRole("button", { name: "Balcony" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  // Zoomed to seats a finger can hit, and scrolled to the balcony.
  await expect.poll(async () => (await box(seat(7, 1))).width).toBeGreaterThanOrEqual(24);
  await expect(seat(7, 1)).toBeInViewport();
  await expect(page.locator('[data-section-label="Balcony"]')).toBeInViewport();

  await chooser.getByRole("button", { name: "Whole hall" }).tap();
  await expect.poll(async () => (await box(seat(7, 1))).width).toBeLessThan(24);
  await chooser.getByRole("button", { name: "Balcony" }).tap();
  await expect.poll(async () => (await box(seat(8, 13))).width).toBeGreaterThanOrEqual(24);

  await seat(8, 13).scrollIntoViewIfNeeded();
  await buySeats(page, { seatIds: [show.seat(8, 13)], total: "€70.00" });
  const sold = await prisma.seat.findUniqueOrThrow({
    where: { id: show.seat(8, 13) },
    select: { status: true },
  });
  expect(sold.status).toBe("SOLD");
});
