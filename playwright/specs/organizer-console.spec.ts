import { queueDefaults } from "../fixtures/system-env";
import { expect, test } from "../fixtures/test";

const shown = (value: number) => `${value.toLocaleString("en-GB")} (default)`;

test("the waiting room's settings show the defaults an empty field stands for, and refuse in plain words", async ({
  show,
  newBuyer,
  prisma,
}) => {
  const { page } = await newBuyer("organizer", { role: "ADMIN" });
  await page.goto(`/organizer/performances/${show.performanceId}`);

  const maxActive = page.getByLabel("Buyers booking at once");
  const bookingTime = page.getByLabel("Booking time (seconds)");
  await expect(maxActive).toHaveAttribute(
    "placeholder",
    shown(queueDefaults.QUEUE_DEFAULT_MAX_ACTIVE),
  );
  await expect(page.getByLabel("Admissions per second")).toHaveAttribute(
    "placeholder",
    shown(queueDefaults.QUEUE_DEFAULT_ADMIT_RATE_PER_SEC),
  );
  await expect(bookingTime).toHaveAttribute(
    "placeholder",
    shown(queueDefaults.QUEUE_DEFAULT_TOKEN_TTL_SECONDS),
  );
  await expect(page.getByLabel("Refuse when line exceeds × seats left")).toHaveAttribute(
    "placeholder",
    shown(queueDefaults.QUEUE_DEFAULT_REFUSE_RATIO),
  );
  // The web server's own POW_QUEUE_COMPLEXITY (the browser specs run a light one).
  await expect(page.getByLabel("Browser check to join the line")).toHaveAttribute(
    "placeholder",
    /^[\d,]+ \(default\)$/,
  );
  await expect(maxActive).toHaveAccessibleDescription(
    new RegExp(
      `empty for the default, ${queueDefaults.QUEUE_DEFAULT_MAX_ACTIVE.toLocaleString("en-GB")}\\.`,
    ),
  );

  // Out of range: said beside each field in the organizer's words, and nothing is saved.
  await maxActive.fill("0");
  await bookingTime.fill("30");
  await page.getByRole("button", { name: "Save queue settings" }).click();
  await expect(maxActive).toHaveAttribute("aria-invalid", "true");
  await expect(maxActive).toHaveAccessibleDescription(/At least 1 buyer\./);
  await expect(bookingTime).toHaveAccessibleDescription(/At least 60 seconds\./);
  await expect(page.getByText(/too small|expected/i)).toHaveCount(0);
  const stored = () =>
    prisma.performance.findUniqueOrThrow({
      where: { id: show.performanceId },
      select: { queueMaxActive: true, queueTokenTtlSeconds: true },
    });
  expect(await stored()).toEqual({ queueMaxActive: null, queueTokenTtlSeconds: null });

  await maxActive.fill("5");
  await bookingTime.fill("");
  await page.getByRole("button", { name: "Save queue settings" }).click();
  await expect(page.getByText("Saved. The waiting room runs with them from now on.")).toBeVisible();
  await expect(maxActive).not.toHaveAttribute("aria-invalid", "true");
  expect(await stored()).toEqual({ queueMaxActive: 5, queueTokenTtlSeconds: null });
});

test("back to draft asks first, in the page, and says what becomes of holds; cancelling keeps the sale as it was", async ({
  show,
  newBuyer,
  prisma,
}) => {
  const { page } = await newBuyer("organizer", { role: "ADMIN" });
  await page.goto(`/organizer/performances/${show.performanceId}`);
  const status = page.getByTestId("sale-status-text");
  await expect(status).toContainText("PUBLISHED");
  const saleStatus = async () =>
    (await prisma.performance.findUniqueOrThrow({ where: { id: show.performanceId } })).saleStatus;

  const backToDraft = page.getByRole("button", { name: "Back to draft" });
  const dialog = page.getByRole("dialog", { name: "Back to draft?" });
  await backToDraft.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Seats already held stay held");
  // The safe answer has the focus.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // Escape is a cancel too.
  await backToDraft.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(status).toContainText("PUBLISHED");
  expect(await saleStatus()).toBe("PUBLISHED");

  await backToDraft.click();
  await dialog.getByRole("button", { name: "Back to draft" }).click();
  await expect(status).toContainText("DRAFT");
  expect(await saleStatus()).toBe("DRAFT");
});

test("the live charts keep their history across a reload, on axes of whole people", async ({
  show,
  newBuyer,
}) => {
  test.setTimeout(90_000);
  const { page } = await newBuyer("organizer", { role: "ADMIN" });
  await page.goto(`/organizer/performances/${show.performanceId}`);
  const charts = page.getByTestId("live-chart");
  await expect(charts).toHaveCount(2);
  const drawn = async () => Number(await charts.first().getAttribute("data-points"));

  // Five polls, three seconds apart.
  await expect.poll(drawn, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  const before = await drawn();

  // Back at once: a fresh tab alone would need another twelve seconds to draw as many.
  await page.reload();
  await expect.poll(drawn, { timeout: 5_000 }).toBeGreaterThanOrEqual(before);
  await expect
    .poll(async () => Number(await charts.nth(1).getAttribute("data-points")), { timeout: 5_000 })
    .toBeGreaterThanOrEqual(before);

  // Nobody waits, nothing sells: the axes read 0 and 1, never half a buyer.
  for (const chart of await charts.all()) {
    const labels = await chart.locator("svg text").allTextContents();
    expect(labels.filter((label) => /^[\d,.]+$/.test(label))).toEqual(["0", "1"]);
  }
});
