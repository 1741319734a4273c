import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * Every page and API answer carries the security headers; a page's Content-Security-Policy
 * has a fresh nonce per request, and the scripts Next.js renders carry it (the policy the
 * pages really run under: the Playwright specs run them in Chromium).
 */
let system: WebTestSystem;
let simulated: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_security_headers" });
  simulated = await system.startWeb({ env: { PAYMENT_PROVIDER: "simulated" } });
});

afterAll(async () => {
  await system.stop();
});

function expectCommonHeaders(headers: Headers) {
  expect(headers.get("x-content-type-options")).toBe("nosniff");
  expect(headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  expect(headers.get("x-frame-options")).toBe("DENY");
  expect(headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
  expect(headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
}

function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([^']+)'/.exec(policy ?? "")?.[1];
}

describe("security headers", () => {
  it("a page runs under a nonce policy, and its scripts carry the nonce", async () => {
    const response = await fetch(`${simulated.baseUrl}/`);
    expect(response.status).toBe(200);
    expectCommonHeaders(response.headers);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).not.toContain("unsafe-eval");
    // The proof-of-work solver's workers: our own scripts only, never blob: or data:.
    expect(policy).toContain("worker-src 'self';");
    const nonce = nonceOf(policy);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const again = await fetch(`${simulated.baseUrl}/`);
    expect(nonceOf(again.headers.get("content-security-policy"))).not.toBe(nonce);
  });

  it("a page may reach the queue service's socket, and no Stripe host with the simulated provider", async () => {
    const response = await fetch(`${simulated.baseUrl}/signin`);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/connect-src 'self' http:\/\/localhost:4000 ws:\/\/localhost:4000/);
    expect(policy).not.toContain("stripe.com");
  });

  it("an API answer, success or error, may not be rendered or framed", async () => {
    for (const path of ["/api/health", "/api/reservations"]) {
      const response = await fetch(`${simulated.baseUrl}${path}`);
      expectCommonHeaders(response.headers);
      expect(response.headers.get("content-security-policy")).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
  });

  it("a Stripe server lets pages load Stripe.js", async () => {
    const stripe = await system.startWeb({
      env: { PAYMENT_PROVIDER: "stripe", STRIPE_SECRET_KEY: "sk_test_headers0000000000" },
    });
    try {
      const response = await fetch(`${stripe.baseUrl}/`);
      expect(response.headers.get("content-security-policy")).toMatch(
        /script-src [^;]*https:\/\/js\.stripe\.com/,
      );
    } finally {
      await stripe.stop();
    }
  });
});
