import { holdSeats } from "../fixtures/holds";
import { expect, test } from "../fixtures/test";

test("the organizer tunes the waiting room and watches the live numbers move as buyers join, hold and pay", async ({
  show,
  newBuyer,
  admit,
  line,
}) => {
  test.setTimeout(120_000);
  const organizer = await newBuyer("organizer", { role: "ADMIN" });
  const payer = await newBuyer("payer");

  const { page } = organizer;
  await page.goto(`/organizer/performances/${show.performanceId}`);
  await expect(page.getByRole("heading", { level: 1, name: show.performanceName })).toBeVisible();
  const figure = (name: string) => page.getByTestId(`stat-${name}`);
  await expect(page.getByTestId("queue-idle")).toBeVisible();
  await expect(figure("waiting")).toHaveText("0");
  await expect(figure("active")).toHaveText("0");
  await expect(figure("admitted")).toHaveText("0");

  // Two buyers at a time.
  const maxActive = page.getByLabel("Buyers booking at once");
  await maxActive.fill("2");
  await page.getByRole("button", { name: "Save queue settings" }).click();
  await expect(page.getByText("Saved. The waiting room runs with them from now on.")).toBeVisible();

  // The payer joins first and is admitted; then the fans: one more fits, three wait.
  const payerToken = await admit(payer, show.performanceId);
  // The rest of the crowd only queues: real users, connected over real sockets.
  const fans = await line(show.performanceId, 4, { autoClaim: true });
  await expect(page.getByTestId("queue-idle")).toBeHidden({ timeout: 15_000 });
  await expect(figure("waiting")).toHaveText("3", { timeout: 15_000 });
  await expect(figure("active")).toHaveText("2");

  // Room for two more: the queue admits them on its next tick, without a restart.
  await maxActive.fill("4");
  await page.getByRole("button", { name: "Save queue settings" }).click();
  await expect(figure("active")).toHaveText("4", { timeout: 15_000 });
  await expect(figure("waiting")).toHaveText("1");
  await expect(figure("admitted")).toHaveText(/^[1-9]\d*$/);
  await expect
    .poll(() => fans.filter((fan) => fan.grants.length > 0).length, { timeout: 10_000 })
    .toBe(3);

  // The payer holds two VIP seats...
  const request = payer.context.request;
  const hold = await holdSeats(request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(1, 1), show.seat(1, 2)],
    headers: { "x-working-token": payerToken },
  });
  await expect(figure("held")).toHaveText("2", { timeout: 15_000 });
  await expect(figure("pending")).toHaveText("1");
  await expect(figure("sold")).toHaveText("0");

  // ...and pays on the simulated payment page (its form, posted directly).
  const checkout = await request.post(`/api/reservations/${hold.reservationId}/checkout`);
  expect(checkout.status()).toBe(200);
  const { data: session } = (await checkout.json()) as { data: { url: string } };
  const paid = await request.post(`${new URL(session.url, "http://x").pathname}/submit`, {
    form: { outcome: "pay" },
    maxRedirects: 0,
  });
  expect(paid.status()).toBe(303);

  // Confirmed by the worker: sold and revenue move, and the payer's slot goes to the
  // last fan in line.
  await expect(figure("sold")).toHaveText("2", { timeout: 20_000 });
  await expect(figure("revenue")).toHaveText("€360.00");
  await expect(figure("held")).toHaveText("0");
  await expect(figure("waiting")).toHaveText("0", { timeout: 15_000 });
  await expect(figure("active")).toHaveText("4");
  await expect
    .poll(() => fans.filter((fan) => fan.grants.length > 0).length, { timeout: 10_000 })
    .toBe(4);
});
