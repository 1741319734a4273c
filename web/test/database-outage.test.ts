import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuyers, seedPerformance, type TestBuyer } from "./support/booking";
import { startCuttableDbProxy, type CuttableDbProxy } from "./support/cuttable-db-proxy";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// The web server reaches PostgreSQL through a hop this test cuts and restores.
let proxy: CuttableDbProxy;
let system: WebTestSystem;
let web: RunningWebServer;
let buyer: TestBuyer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_db_outage" });
  await seedPerformance(system.prisma, { rows: 1, columns: 4 });
  [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  proxy = await startCuttableDbProxy(system.database.url);
  web = await system.startWeb({ databaseUrl: proxy.url });
}, 60_000);

afterAll(async () => {
  await proxy.close();
  await system.stop();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${web.baseUrl}${path}`, { headers });
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return {
    status: response.status,
    code: body.error?.code,
    message: body.error?.message,
    retryAfter: response.headers.get("retry-after"),
    ms: performance.now() - started,
  };
}

describe("while PostgreSQL is out of reach", () => {
  it("answers 503 SERVICE_UNAVAILABLE with Retry-After, then recovers by itself", async () => {
    expect((await get("/api/performances")).status).toBe(200);
    const cookie = await system.sessionCookie(buyer);
    expect((await get("/api/me/reservations", { cookie })).status).toBe(200);

    await proxy.cut();
    for (const answer of [
      await get("/api/performances"),
      await get("/api/me/reservations", { cookie }),
    ]) {
      expect(answer).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", retryAfter: "2" });
      expect(answer.message).not.toMatch(/prisma|postgres|127\.0\.0\.1/i);
      expect(answer.ms).toBeLessThan(5_000);
    }
    expect((await get("/api/ready")).status).toBe(503);

    // A page that cannot load answers 500 with the app's error page (drawn in the browser
    // from the payload's digest), and nothing of the error itself.
    const page = await fetch(`${web.baseUrl}/performances`);
    expect(page.status).toBe(500);
    const html = await page.text();
    expect(html).toMatch(/"digest\\?":\\?"\d+\\?"/);
    expect(html).not.toMatch(/prisma|ECONNREFUSED|at async|127\.0\.0\.1:\d+\/ticketping/i);

    await proxy.restore();
    await expect.poll(async () => (await get("/api/performances")).status).toBe(200);
    expect((await get("/api/me/reservations", { cookie })).status).toBe(200);
  });
});
