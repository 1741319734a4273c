import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * A state-changing request a browser sends for another site is refused with 403
 * CSRF_REJECTED before the route does anything (even before it checks the session), by
 * Sec-Fetch-Site or, from browsers without it, Origin. The Stripe webhook is exempt: its
 * signature proves the sender.
 */
let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_cross_site" });
  web = await system.startWeb({ env: { PAYMENT_PROVIDER: "simulated" } });
});

afterAll(async () => {
  await system.stop();
});

async function post(path: string, headers: Record<string, string>) {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ email: "someone@example.com", password: "a password long enough" }),
  });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code };
}

const rejected = { status: 403, code: "CSRF_REJECTED" };

describe("cross-site requests", () => {
  it("refuses another site's Sec-Fetch-Site, same-site included", async () => {
    for (const site of ["cross-site", "same-site"]) {
      expect(await post("/api/auth/signup", { "sec-fetch-site": site })).toEqual(rejected);
    }
  });

  it("refuses a foreign Origin when the browser sends no Sec-Fetch-Site", async () => {
    expect(await post("/api/auth/signup", { origin: "http://evil.example" })).toEqual(rejected);
    expect(await post("/api/auth/signup", { origin: "null" })).toEqual(rejected);
  });

  it("refuses before the route checks the session (no database work for a forged request)", async () => {
    expect(await post("/api/admin/halls", { "sec-fetch-site": "cross-site" })).toEqual(rejected);
    expect(await post("/api/admin/halls", {})).toMatchObject({ status: 401 });
  });

  it("lets the app's own pages and non-browser clients through", async () => {
    const own: Record<string, string>[] = [
      { "sec-fetch-site": "same-origin", origin: web.baseUrl },
      { "sec-fetch-site": "none" },
      { origin: web.baseUrl },
      {},
    ];
    for (const headers of own) {
      expect((await post("/api/auth/signup", headers)).code).not.toBe("CSRF_REJECTED");
    }
  });

  it("believes Sec-Fetch-Site over Origin when a browser sends both", async () => {
    expect(
      await post("/api/auth/signup", { "sec-fetch-site": "cross-site", origin: web.baseUrl }),
    ).toEqual(rejected);
  });

  it("leaves reads alone: a cross-site GET is answered", async () => {
    const response = await fetch(`${web.baseUrl}/api/health`, {
      headers: { "sec-fetch-site": "cross-site", origin: "http://evil.example" },
    });
    expect(response.status).not.toBe(403);
  });

  it("exempts the Stripe webhook, which its signature authenticates", async () => {
    const answer = await post("/api/webhooks/stripe", {
      origin: "https://stripe.example",
      "sec-fetch-site": "cross-site",
      "stripe-signature": "t=1,v1=00",
    });
    expect(answer).toEqual({ status: 400, code: "WEBHOOK_SIGNATURE_INVALID" });
  });
});
