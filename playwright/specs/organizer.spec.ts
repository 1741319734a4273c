import { expect, test } from "../fixtures/test";

const hallNames: string[] = [];

test.afterAll(async ({ prisma }) => {
  // What the organizer made through the UI: seats go first (they restrict their grade).
  const halls = await prisma.hall.findMany({ where: { name: { in: hallNames } } });
  const hallIds = halls.map((hall) => hall.id);
  await prisma.seat.deleteMany({
    where: { schedule: { performance: { hallId: { in: hallIds } } } },
  });
  await prisma.performance.deleteMany({ where: { hallId: { in: hallIds } } });
  await prisma.hall.deleteMany({ where: { id: { in: hallIds } } });
});

test("an organizer creates a hall, a performance and a show, publishes it, and buyers see it", async ({
  newBuyer,
  prisma,
}) => {
  const { page } = await newBuyer("organizer", { role: "ADMIN" });
  const suffix = Date.now().toString(36);
  const hallName = `E2E Arena ${suffix}`;
  const showName = `Organizer Made ${suffix}`;
  hallNames.push(hallName);

  await page.goto("/performances");
  await page.getByRole("link", { name: "Organizer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organizer console" })).toBeVisible();

  await page.getByRole("link", { name: "New hall" }).click();
  await page.getByLabel("Name").fill(hallName);
  await page.getByLabel("Address").fill("5 Browser Street");
  await page.getByLabel("Rows").fill("3");
  await page.getByLabel("Seats per row").fill("4");
  await expect(page.getByLabel("Time zone")).toHaveValue("Asia/Seoul");
  await page.getByLabel("Time zone").selectOption("Europe/Paris");
  await page.getByRole("button", { name: "Create hall" }).click();
  await expect(page.getByRole("link", { name: hallName })).toBeVisible();

  await page.getByRole("link", { name: "New performance" }).click();
  await page.getByLabel("Name", { exact: true }).fill(showName);
  await expect(page.getByLabel("Slug")).toHaveValue(`organizer-made-${suffix}`);
  await page.getByLabel("Hall").selectOption({ label: `${hallName} (3 × 4)` });
  await page.getByLabel("Poster URL").fill("/posters/neon-harbour-tour.svg");
  // Open the sale an hour ago, so buyers can book as soon as it is published.
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
  await page.getByLabel("Booking opens (UTC)").fill(hourAgo);
  await page.getByLabel("Grade 1 name").fill("Front");
  // Sold in won: whole numbers, the typed prices kept in won's digits when switching.
  await expect(page.getByRole("group", { name: "Grades and prices (EUR)" })).toBeVisible();
  await page.getByLabel("Currency").selectOption("KRW");
  await expect(page.getByRole("group", { name: "Grades and prices (KRW)" })).toBeVisible();
  const prices = page.getByLabel("Price (₩)");
  await expect(prices).toHaveCount(2);
  await expect(prices.nth(0)).toHaveValue("80");
  await prices.nth(0).fill("55000");
  await prices.nth(1).fill("33000");
  await page.getByRole("button", { name: "Create performance" }).click();

  await expect(page.getByRole("heading", { level: 1, name: showName })).toBeVisible();
  await expect(page.getByTestId("sale-status-text")).toContainText("DRAFT");
  await expect(page.getByTestId("stat-available")).toHaveText("0");
  await expect(page.getByTestId("grade-row").first()).toContainText("₩55,000");

  // Rows 1-2 Front, row 3 S: the default bands split the rows over the two grades.
  const bands = page.getByTestId("band");
  await expect(bands).toHaveCount(2);
  await bands.nth(0).getByLabel("To row").fill("2");
  await bands.nth(1).getByLabel("From row").fill("3");
  await page.getByRole("button", { name: "Add show with 12 seats" }).click();
  await expect(page.getByText(/Added .* with 12 seats\./)).toBeVisible();
  await expect(page.getByTestId("admin-schedule")).toHaveCount(1);
  await expect(page.getByTestId("stat-available")).toHaveText("12", { timeout: 10_000 });

  await page.getByRole("button", { name: "Publish and open sales" }).click();
  await expect(page.getByTestId("sale-status-text")).toContainText("PUBLISHED");

  // What buyers see.
  await page.goto(`/performances?q=${encodeURIComponent(showName)}`);
  const card = page.getByTestId("performance-card");
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(showName);
  await expect(card).toContainText("On sale");
  await expect(card).toContainText("from ₩33,000");
  await card.getByRole("link", { name: showName }).click();
  await expect(page.getByTestId("schedule")).toContainText("12 of 12 seats available");
  // On the hall's clock, named as such.
  await expect(page.getByTestId("schedule")).toContainText(/\d\d:\d\d CES?T \(Europe\/Paris\)/);
  await expect(page.getByText("Front")).toBeVisible();

  const seats = await prisma.seat.findMany({
    where: { schedule: { performance: { name: showName } } },
    include: { grade: true },
  });
  expect((await prisma.hall.findFirstOrThrow({ where: { name: hallName } })).timeZone).toBe(
    "Europe/Paris",
  );
  expect(seats).toHaveLength(12);
  expect(new Set(seats.map((seat) => `${seat.grade.currency} ${seat.grade.priceMinor}`))).toEqual(
    new Set(["KRW 55000", "KRW 33000"]),
  );
  expect(
    seats
      .filter((seat) => seat.grade.name === "Front")
      .map((seat) => seat.row)
      .sort(),
  ).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
});
