import { expect, test } from "@playwright/test";
import { createE2ePrisma, createPerformance, type CreatedPerformance } from "../fixtures/catalog";

const prisma = createE2ePrisma();
const created: CreatedPerformance[] = [];

test.afterAll(async () => {
  for (const performance of created) await performance.remove();
  await prisma.$disconnect();
});

test("the home page lists performances from the database with their sale status", async ({
  page,
}) => {
  const onSale = await createPerformance(prisma, { opensInHours: -1, namePrefix: "Open Air" });
  const upcoming = await createPerformance(prisma, { opensInHours: 48, namePrefix: "Night Owl" });
  created.push(onSale, upcoming);

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Performances" })).toBeVisible();

  const onSaleCard = page.getByTestId("performance-card").filter({ hasText: onSale.name });
  await expect(onSaleCard).toBeVisible();
  await expect(onSaleCard.getByText("On sale")).toBeVisible();
  await expect(onSaleCard.getByText("from €45.00")).toBeVisible();

  const upcomingCard = page.getByTestId("performance-card").filter({ hasText: upcoming.name });
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
