import { expect, test } from "../fixtures/test";

test("a buyer searches, filters and opens a performance with its shows and prices", async ({
  page,
  newShow,
}) => {
  // One word shared by both names makes the search below find exactly these two.
  const word = `Zephyr${Date.now().toString(36)}`;
  const onSale = await newShow({ label: `${word} Strings` });
  const upcoming = await newShow({ label: `${word} Brass`, opensInMinutes: 30 * 60 });

  await page.goto("/performances");
  await page.getByRole("searchbox", { name: "Search by name" }).fill(word.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word.toLowerCase()}`));
  const cards = page.getByTestId("performance-card");
  await expect(cards).toHaveCount(2);
  await expect(page.getByText("2 performances match your filters")).toBeVisible();

  // "Opening soon" narrows the same search to the upcoming one.
  const filters = page.getByRole("search", { name: "Find performances" });
  await filters.getByText("Opening soon", { exact: true }).click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/sale=opening-soon/);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(upcoming.performanceName);

  await filters.getByText("On sale now", { exact: true }).click();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(onSale.performanceName);

  // The whole card opens the detail page.
  await cards.first().getByRole("link", { name: onSale.performanceName }).click();
  await expect(page).toHaveURL(new RegExp(`/performances/${onSale.slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: onSale.performanceName })).toBeVisible();
  await expect(page.getByTestId("sale-status")).toContainText("On sale now");
  await expect(page.getByRole("heading", { name: "Prices" })).toBeVisible();
  await expect(page.getByText("€180.00")).toBeVisible();
  await expect(page.getByText("€70.00")).toBeVisible();
  const show = page.getByTestId("schedule");
  await expect(show).toHaveCount(1);
  await expect(show).toContainText("18 of 18 seats available");
  await expect(show.getByRole("link", { name: /^Book/ })).toHaveAttribute(
    "href",
    /^\/book\/[0-9a-f-]{36}$/,
  );

  // Before the opening: a live countdown and no Book button yet.
  await page.goto(`/performances/${upcoming.slug}`);
  const status = page.getByTestId("sale-status");
  await expect(status).toContainText("Opening soon");
  const timer = status.getByRole("timer");
  const first = await timer.textContent();
  await expect(timer).not.toHaveText(first ?? "", { timeout: 3_000 });
  await expect(page.getByTestId("schedule").getByRole("link", { name: /^Book/ })).toHaveCount(0);
  await expect(page.getByTestId("schedule")).toContainText("Opens soon");
});

test("an unknown page is the app's own, with ways back", async ({ page }) => {
  const response = await page.goto("/performances/no-such-show-at-all");
  expect(response?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { level: 1, name: "We can’t find that page" }),
  ).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.getByRole("link", { name: "Browse performances" }).click();
  await expect(page).toHaveURL(/\/performances$/);
});
