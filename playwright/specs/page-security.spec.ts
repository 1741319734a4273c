import { holdSeats } from "../fixtures/holds";
import { expect, test } from "../fixtures/test";

test("a simulated checkout runs under the page's Content-Security-Policy, says it is a demo, and never requests Stripe.js", async ({
  show,
  newBuyer,
  admit,
}) => {
  const buyer = await newBuyer("secure");
  await admit(buyer, show.performanceId);
  const { page } = buyer;
  const requested: string[] = [];
  const violations: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  const hold = await holdSeats(page.request, {
    scheduleId: show.scheduleId,
    seatIds: [show.seat(2, 1)],
  });

  const response = await page.goto(`/checkout/${hold.reservationId}`);
  expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await expect(page.getByTestId("simulated-payments-banner")).toBeVisible();
  // Interactive only once React hydrated, which the nonce policy must have let run.
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page).toHaveURL(/\/simulated-checkout\/cs_sim_[0-9a-f]{32}$/);

  expect(requested.filter((url) => url.includes("stripe.com"))).toEqual([]);
  expect(violations).toEqual([]);
});
