import { expect, test } from "../fixtures/test";

test("the home page lists performances from the database with their sale status", async ({
  page,
  newShow,
}) => {
  const onSale = await newShow({ label: "Open Air" });
  const upcoming = await newShow({ label: "Night Owl", opensInMinutes: 48 * 60 });

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Performances" })).toBeVisible();

  const onSaleCard = page
    .getByTestId("performance-card")
    .filter({ hasText: onSale.performanceName });
  await expect(onSaleCard).toBeVisible();
  await expect(onSaleCard.getByText("On sale")).toBeVisible();
  await expect(onSaleCard.getByText("from €70.00")).toBeVisible();

  const upcomingCard = page
    .getByTestId("performance-card")
    .filter({ hasText: upcoming.performanceName });
  await expect(upcomingCard.getByText("Opening soon")).toBeVisible();
  await expect(upcomingCard.getByText(/Sale opens/)).toBeVisible();
});

test("the health endpoint reports the database and Redis", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({
    status: "ok",
    checks: { database: "up", redis: "up" },
  });
});
