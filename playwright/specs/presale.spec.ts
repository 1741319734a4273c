import { seatMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";

test("a presale code admits its holder and a buyer without one is refused", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  test.setTimeout(120_000);
  const show = await newShow({ label: "Fan Club Presale", powComplexity: 0 });

  // The organizer sets a presale until tomorrow and makes one single-use code.
  const organizer = await newBuyer("presaleorg", { role: "ADMIN" });
  const desk = organizer.page;
  await desk.goto(`/organizer/performances/${show.performanceId}`);
  const presale = desk.getByTestId("presale-codes");
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
  // Its buttons stay disabled until React has hydrated the form, so filling once the save
  // button is enabled is never lost to the bare HTML.
  const save = presale.getByRole("button", { name: "Save presale" });
  await expect(save).toBeEnabled();
  await presale.getByLabel("General sale opens (UTC)").fill(tomorrow);
  await save.click();
  await expect
    .poll(
      async () =>
        (await prisma.performance.findUniqueOrThrow({ where: { id: show.performanceId } }))
          .generalSaleOpensAt,
      { timeout: 15_000 },
    )
    .not.toBeNull();
  await presale.getByLabel("How many").fill("1");
  await presale.getByRole("button", { name: "Create codes" }).click();
  const shown = desk.getByTestId("created-presale-codes");
  await expect(shown).toHaveValue(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const code = await shown.inputValue();
  await expect(desk.getByTestId("presale-code-list")).toContainText("0 / 1");

  // The performance page says a presale is on.
  const outsider = await newBuyer("nocode");
  await outsider.page.goto(`/performances/${show.slug}`);
  await expect(outsider.page.getByTestId("presale-notice")).toContainText("presale code");

  // A buyer without the code is kept out of the line: asked for one, refused a wrong one.
  await outsider.page.goto(`/book/${show.scheduleId}`);
  const room = outsider.page.getByTestId("waiting-room");
  await expect(room).toHaveAttribute("data-state", "presale");
  // A code no door could accept is refused at once, in words, not retried in silence.
  for (const malformed of ["AB1", "ABCD_EFGH", "ABCD-EFGH."]) {
    await outsider.page.getByLabel("Presale code").fill(malformed);
    await outsider.page.getByRole("button", { name: "Join the line with this code" }).click();
    await expect(outsider.page.getByTestId("presale-refusal")).toHaveAttribute(
      "data-code",
      "MISTYPED",
    );
    await expect(outsider.page.getByTestId("presale-refusal")).toContainText("Check your code");
    await expect(room).toHaveAttribute("data-state", "presale");
  }
  await outsider.page.getByLabel("Presale code").fill("WRNG-CODE-ABCD-EFGH");
  await outsider.page.getByRole("button", { name: "Join the line with this code" }).click();
  await expect(outsider.page.getByTestId("presale-refusal")).toHaveAttribute(
    "data-code",
    "PRESALE_CODE_INVALID",
  );
  await expect(room).toHaveAttribute("data-state", "presale");

  // The holder enters with it and goes on to the seats; the code's one use is spent.
  const holder = await newBuyer("holder");
  await holder.page.goto(`/book/${show.scheduleId}`);
  await expect(holder.page.getByTestId("waiting-room")).toHaveAttribute("data-state", "presale");
  await holder.page.getByLabel("Presale code").fill(code.toLowerCase());
  await holder.page.getByRole("button", { name: "Join the line with this code" }).click();
  await expect(holder.page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`), {
    timeout: 30_000,
  });
  await expect(seatMap(holder.page)).toBeVisible();
  await expect
    .poll(
      async () =>
        (
          await prisma.presaleCode.findFirstOrThrow({
            where: { performanceId: show.performanceId },
          })
        ).uses,
    )
    .toBe(1);

  // Spent, the code lets nobody else in.
  await outsider.page.getByLabel("Presale code").fill(code);
  await outsider.page.getByRole("button", { name: "Join the line with this code" }).click();
  await expect(outsider.page.getByTestId("presale-refusal")).toHaveAttribute(
    "data-code",
    "PRESALE_CODE_USED_UP",
  );
});

test("a buyer without a code at the presale's form joins the line when the general sale opens", async ({
  newShow,
  newBuyer,
  prisma,
}) => {
  test.setTimeout(120_000);
  const show = await newShow({ label: "Presale Ends", powComplexity: 0 });
  // Long enough for the page to load while the presale is on, short enough to wait out.
  const opensAt = new Date(Date.now() + 15_000);
  await prisma.performance.update({
    where: { id: show.performanceId },
    data: { generalSaleOpensAt: opensAt },
  });
  const buyer = await newBuyer("waitsforgeneral");
  await buyer.page.goto(`/book/${show.scheduleId}`);
  await expect(buyer.page.getByTestId("waiting-room")).toHaveAttribute("data-state", "presale");
  expect(Date.now()).toBeLessThan(opensAt.getTime());
  // No reload: the page's own clock takes the buyer in once the general sale opens.
  await expect(seatMap(buyer.page)).toBeVisible({ timeout: 45_000 });
  await expect(buyer.page).toHaveURL(new RegExp(`/book/${show.scheduleId}$`));
  expect(await prisma.presaleUse.count({ where: { performanceId: show.performanceId } })).toBe(0);
});
