import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/** A production server that takes no money says so on every page; one on Stripe does not. */
const BANNER = "Demo mode: payments are simulated.";
let system: WebTestSystem;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_simulated_banner" });
});

afterAll(async () => {
  await system.stop();
});

async function pageText(baseUrl: string, path: string): Promise<string> {
  const response = await fetch(`${baseUrl}${path}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("simulated payments banner", () => {
  it("is on every page of a production server with PAYMENT_PROVIDER=simulated", async () => {
    const web = await system.startWeb({ env: { PAYMENT_PROVIDER: "simulated" } });
    for (const path of ["/", "/performances", "/signin", "/signup"]) {
      expect(await pageText(web.baseUrl, path)).toContain(BANNER);
    }
  });

  it("is not there when Stripe takes the payments", async () => {
    const web = await system.startWeb({
      env: { PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: "sk_test_banner000000000000" },
    });
    expect(await pageText(web.baseUrl, "/")).not.toContain(BANNER);
  });
});
