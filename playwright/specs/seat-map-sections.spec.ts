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

test("an organizer creates a hall with an aisle and a section in one step; a show's held-back plan draws them, by keyboard too", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  // The show's seats are laid out for 3 rows x 6 seats; the new hall has the same size.
  const show = await newShow({ hall: { rows: 3, columns: 6 } });
  const hallName = `Planned Hall ${show.slug}`;
  const organizer = await newBuyer("plan-new-hall", { role: "ADMIN" });
  const { page } = organizer;
  await page.goto("/organizer/halls/new");
  await page.getByLabel("Name", { exact: true }).fill(hallName);
  await page.getByLabel("Address", { exact: true }).fill("5 Test Road");
  await page.getByLabel("Rows", { exact: true }).fill("3");
  await page.getByLabel("Seats per row", { exact: true }).fill("6");

  const plan = page.getByRole("region", { name: "Aisles and sections" });
  await plan.getByRole("button", { name: "Add an aisle between seats" }).click();
  // Checked against the size typed above, before anything is sent.
  await plan.getByLabel("After seat").fill("6");
  await plan.getByRole("button", { name: "Add a section" }).click();
  const front = plan.getByRole("group", { name: "Section 1" });
  await expect(front.getByLabel("Last row")).toHaveValue("3");
  await expect(front.getByLabel("Last seat")).toHaveValue("6");
  await front.getByLabel("Name").fill("Front");
  await front.getByLabel("Last row").fill("2");
  await page.getByRole("button", { name: "Create hall" }).click();
  await expect(plan.getByLabel("After seat")).toHaveAccessibleDescription(
    /An aisle must lie between two rows or seats: after 1 to 5\./,
  );
  expect(await prisma.hall.count({ where: { name: hallName } })).toBe(0);
  await expectAccessible(page, "new hall form with a refused aisle");

  await plan.getByLabel("After seat").fill("3");
  await page.getByRole("button", { name: "Create hall" }).click();
  await page.waitForURL(/\/organizer$/);
  const hall = await prisma.hall.findFirstOrThrow({
    where: { name: hallName },
    select: { id: true, aisleAfterRows: true, aisleAfterColumns: true, sections: true },
  });
  expect(hall).toMatchObject({
    aisleAfterRows: [],
    aisleAfterColumns: [3],
    sections: [{ name: "Front", fromRow: 1, toRow: 2, fromColumn: 1, toColumn: 6 }],
  });

  // The show moves into the new hall (same size: its seats stay as laid out), and back
  // at the end, so the fixture removes its own hall and this one goes.
  const { hallId: fixtureHallId } = await prisma.performance.findUniqueOrThrow({
    where: { id: show.performanceId },
    select: { hallId: true },
  });
  await prisma.performance.update({
    where: { id: show.performanceId },
    data: { hallId: hall.id },
  });

  await page.goto(`/organizer/shows/${show.scheduleId}`);
  const grid = page.getByRole("grid", { name: "Seats of this show" });
  const planSeat = (row: number, column: number) => page.getByTestId(`plan-seat-${row}-${column}`);
  await expect(grid.locator('[data-section-label="Front"]')).toBeVisible();
  await expect(planSeat(1, 4)).toHaveAccessibleName("Front, row 1, seat 4, free");
  await expect(planSeat(3, 1)).toHaveAccessibleName("Row 3, seat 1, free");
  await expect(grid.getByRole("columnheader")).toHaveText(["1", "2", "3", "4", "5", "6"]);
  // The aisle is a visible gap, wider than the space between neighbours.
  const neighbours = await gapBetween(planSeat(1, 2), planSeat(1, 3), "x");
  expect(await gapBetween(planSeat(1, 3), planSeat(1, 4), "x")).toBeGreaterThan(neighbours + 6);
  // The section's label sits above its first row.
  expect((await box(grid.locator('[data-section-label="Front"]'))).y).toBeLessThan(
    (await box(planSeat(1, 1))).y,
  );

  // One seat in the tab order; arrows step over the aisle; Space chooses.
  await expect(planSeat(1, 1)).toHaveAttribute("tabindex", "0");
  await expect(planSeat(1, 2)).toHaveAttribute("tabindex", "-1");
  await planSeat(1, 1).focus();
  for (let step = 0; step < 3; step += 1) await page.keyboard.press("ArrowRight");
  await expect(planSeat(1, 4)).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await expect(planSeat(2, 6)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(planSeat(2, 6)).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Hold back chosen seats" }).click();
  await expect(planSeat(2, 6)).toHaveAttribute("data-state", "HELD_BACK");
  await expect(planSeat(2, 6)).toHaveAccessibleName("Front, row 2, seat 6, held back");
  await expectAccessible(page, "show page with aisles and sections");

  // In Korean, the seats' names carry their section too.
  const korean = await newBuyer("plan-new-hall-ko", { role: "ADMIN", locale: "ko-KR" });
  await korean.page.goto(`/organizer/shows/${show.scheduleId}`);
  await expect(korean.page.getByTestId("plan-seat-1-4")).toHaveAccessibleName(
    "Front, 1열 4번, 판매 가능",
  );
  await expect(korean.page.getByTestId("plan-seat-2-6")).toHaveAccessibleName(
    "Front, 2열 6번, 판매 보류",
  );
  await expectAccessible(korean.page, "show page with aisles and sections, in Korean");

  await prisma.performance.update({
    where: { id: show.performanceId },
    data: { hallId: fixtureHallId },
  });
  await prisma.hall.delete({ where: { id: hall.id } });
});
