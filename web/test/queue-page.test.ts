import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

const queueUrl = "http://queue.example.test:4555";

let system: WebTestSystem;
let web: RunningWebServer;
let show: SeededSchedule;
let other: SeededSchedule;
let draft: SeededSchedule;
let buyer: TestBuyer;
let cookie: string;

const page = (path: string, withSession = true) =>
  fetch(`${web.baseUrl}${path}`, {
    redirect: "manual",
    headers: withSession ? { cookie } : {},
  });

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_queue_page" });
  [show] = (await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [SeededSchedule];
  [other] = (await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [SeededSchedule];
  [draft] = (await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [SeededSchedule];
  await system.prisma.performance.update({
    where: { id: draft.performanceId },
    data: { saleStatus: "DRAFT" },
  });
  [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  web = await system.startWeb({ env: { QUEUE_PUBLIC_URL: queueUrl } });
  cookie = await system.sessionCookie(buyer);
});

afterAll(async () => {
  await system.stop();
});

describe("GET /queue/:performanceId", () => {
  it("sends a visitor to sign in and back to the same waiting room", async () => {
    const path = `/queue/${show.performanceId}?schedule=${show.scheduleId}`;
    const response = await page(path, false);
    expect(response.status).toBe(307);
    const location = new URL(response.headers.get("location") ?? "", web.baseUrl);
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("callbackUrl")).toBe(path);
  });

  it("renders the waiting room, pointed at the public queue URL and leading to the show", async () => {
    const response = await page(`/queue/${show.performanceId}?schedule=${show.scheduleId}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Waiting room");
    expect(html).toContain("Test Concert");
    expect(html).toContain(queueUrl);
    expect(html).toContain(`/book/${show.scheduleId}`);
  });

  it("ignores a show of another performance, or a malformed one, and leads to the performance", async () => {
    for (const schedule of [other.scheduleId, "not-a-uuid"]) {
      const response = await page(`/queue/${show.performanceId}?schedule=${schedule}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toContain(`/book/${other.scheduleId}`);
      expect(html).not.toContain("/book/");
    }
  });

  it("is 404 for unknown, malformed and draft performances", async () => {
    for (const id of [randomUUID(), "nope", draft.performanceId]) {
      const response = await page(`/queue/${id}`);
      expect(response.status).toBe(404);
      // The app's own not-found page (its text travels in the page's payload; the browser
      // test sees it drawn), not Next.js's default.
      const html = await response.text();
      expect(html).toContain("We can’t find that page");
      expect(html).not.toContain("This page could not be found");
    }
  });
});
