import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueueStore } from "@ticketping/common/queue/store";
import { deleteKeysMatching, saleSettings } from "@ticketping/common/testing";
import { seedPerformance, type SeededPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// A sale's fairness report through the production build: the queue's real scripts write
// the record (a real Redis), the web app reads it and the database.

let system: WebTestSystem;
let web: RunningWebServer;
let store: QueueStore;
let adminCookie: string;
let buyerCookie: string;
let performance: SeededPerformance;

interface Answer {
  status: number;
  body: {
    data?: { report: Record<string, unknown> };
    error?: { code: string; details?: Record<string, unknown> };
  };
}

async function get(path: string, cookie?: string): Promise<Answer> {
  const response = await fetch(`${web.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

const liveReport = () =>
  get(`/api/admin/performances/${performance.id}/fairness-report`, adminCookie);
const publicReport = () => get(`/api/performances/${performance.slug}/fairness/report`);

const openSale = (maxActive: number) =>
  saleSettings({
    maxActive,
    unsoldSeats: 6,
    shuffleSeed: "069fe10e83c0b1cccddf18aa867d33a413c1774ccac1a8356688fe5fbd0c7aff",
  });

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_fairness_report" });
  web = await system.startWeb();
  store = new QueueStore({ redis: system.redis, keyPrefix: system.keyPrefix });
  const [admin, buyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "report-organizer", role: "ADMIN" },
    { label: "report-buyer" },
  ]);
  [adminCookie, buyerCookie] = [admin.cookie, buyer.cookie];
  performance = await seedPerformance(system.prisma, {
    name: "Report Night",
    opensInHours: -1,
    showsInHours: [48],
  });
  // Five buyers join a line with room for three; a sixth is refused (sold out for it).
  await store.putSettings(performance.id, openSale(3), 600_000);
  for (let i = 0; i < 5; i += 1) {
    await store.join({ performanceId: performance.id, userId: `buyer-${i}`, newConnection: true });
  }
  await store.advance({ performanceId: performance.id, minIntervalMs: 0, maxAdmissions: 10 });
  await store.putSettings(performance.id, { ...openSale(3), unsoldSeats: 0 }, 600_000);
  await store.join({ performanceId: performance.id, userId: "late", newConnection: true });
}, 120_000);

afterAll(async () => {
  await system.stop();
});

describe("a sale's fairness report", () => {
  it("is live for the organizer while the sale runs, from the queue's own records", async () => {
    const { status, body } = await liveReport();
    expect(status).toBe(200);
    expect(body.data?.report).toMatchObject({
      performanceId: performance.id,
      final: false,
      entrants: 5,
      preQueued: 0,
      admitted: 3,
      outOfOrder: { count: 0, largestInPlaces: 0, largestInSeconds: 0 },
      refusals: { SOLD_OUT: 1 },
      proofOfWork: { solved: 0, failed: 0 },
      workingSet: { max: 3, limit: 3 },
      soldOutAfterSeconds: null,
      recordComplete: true,
    });
    const wait = body.data?.report.waitSeconds as { p50: number; max: number };
    expect(wait.p50).toBeGreaterThanOrEqual(0);
    expect(wait.max).toBeLessThan(60);
  });

  it("is the organizer's only: anonymous callers and buyers are refused", async () => {
    expect((await get(`/api/admin/performances/${performance.id}/fairness-report`)).status).toBe(
      401,
    );
    const asBuyer = await get(
      `/api/admin/performances/${performance.id}/fairness-report`,
      buyerCookie,
    );
    expect(asBuyer.status).toBe(403);
    expect(asBuyer.body.error?.code).toBe("FORBIDDEN");
  });

  it("is not public before the sale closes, and says when it will be", async () => {
    const { status, body } = await publicReport();
    expect(status).toBe(409);
    expect(body.error).toMatchObject({ code: "REPORT_NOT_PUBLIC" });
    expect(new Date(String(body.error?.details?.closesAt)).getTime()).toBeGreaterThan(Date.now());
    expect(body.data).toBeUndefined();
  });

  it("is public once the sale closes, and outlives the queue's records", async () => {
    await system.prisma.performance.update({
      where: { id: performance.id },
      data: { saleStatus: "CLOSED" },
    });
    const closed = await publicReport();
    expect(closed.status).toBe(200);
    expect(closed.body.data?.report).toMatchObject({ final: true, entrants: 5, admitted: 3 });
    expect(
      (await get(`/api/performances/${performance.id}/fairness/report`)).body.data?.report,
    ).toMatchObject({ final: true, entrants: 5 });

    // The queue's records lost: a server that never saw the report serves the kept copy.
    await deleteKeysMatching(system.redis, [`${system.keyPrefix}queue:{${performance.id}}:*`]);
    const other = await system.startWeb();
    const kept = await fetch(
      `${other.baseUrl}/api/performances/${performance.slug}/fairness/report`,
    );
    expect(kept.status).toBe(200);
    expect(((await kept.json()) as Answer["body"]).data?.report).toEqual(closed.body.data?.report);
  });

  it("of a draft or an unknown performance is not found", async () => {
    const draft = await seedPerformance(system.prisma, {
      name: "Draft Night",
      saleStatus: "DRAFT",
      opensInHours: -1,
      showsInHours: [48],
    });
    expect((await get(`/api/performances/${draft.slug}/fairness/report`)).status).toBe(404);
    expect((await get(`/api/performances/${randomUUID()}/fairness/report`)).status).toBe(404);
    const unknown = await get(
      `/api/admin/performances/${randomUUID()}/fairness-report`,
      adminCookie,
    );
    expect(unknown.status).toBe(404);
  });
});
