import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance, createUser, type SeededPerformance } from "./support/catalog-fixtures";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let onSale: SeededPerformance;
let upcoming: SeededPerformance;
let soldOut: SeededPerformance;
let draft: SeededPerformance;
let closed: SeededPerformance;

const DAY_HOURS = 24;

/** "YYYY-MM-DD" of a day `days` from today, UTC. */
function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_catalog" });
  const prisma = system.prisma;
  [onSale, upcoming, soldOut, draft, closed] = await Promise.all([
    seedPerformance(prisma, {
      name: "Midnight Brass Ensemble",
      opensInHours: -2,
      showsInHours: [10 * DAY_HOURS, 12 * DAY_HOURS],
    }),
    seedPerformance(prisma, {
      name: "Harbour Lights Choir",
      opensInHours: 48,
      showsInHours: [30 * DAY_HOURS],
    }),
    seedPerformance(prisma, {
      name: "Tiny Room Sessions",
      opensInHours: -5,
      showsInHours: [20 * DAY_HOURS],
      rows: 1,
      columns: 2,
    }),
    seedPerformance(prisma, {
      name: "Secret Draft Gig",
      saleStatus: "DRAFT",
      opensInHours: -2,
      showsInHours: [10 * DAY_HOURS],
    }),
    seedPerformance(prisma, {
      name: "Closed Early Concert",
      saleStatus: "CLOSED",
      opensInHours: -2,
      showsInHours: [15 * DAY_HOURS],
    }),
  ]);
  const buyer = await createUser(prisma, { label: "catalog-buyer" });
  const [scheduleId] = soldOut.scheduleIds;
  const [seats] = soldOut.seatIds;
  if (!scheduleId || !seats) throw new Error("fixture incomplete");
  await seedReservation(prisma, {
    userId: buyer.id,
    scheduleId,
    seatIds: seats,
    status: "CONFIRMED",
  });
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

interface Summary {
  slug: string;
  name: string;
  phase: string;
  priceFromMinor: number;
}

async function list(query: string): Promise<{ status: number; names: string[]; body: unknown }> {
  const response = await fetch(`${web.baseUrl}/api/performances${query}`);
  const body = (await response.json()) as { data?: { performances: Summary[] } };
  return {
    status: response.status,
    names: (body.data?.performances ?? []).map((performance) => performance.name).sort(),
    body,
  };
}

describe("GET /api/performances", () => {
  it("lists published and closed performances with their phase, never drafts", async () => {
    const response = await fetch(`${web.baseUrl}/api/performances`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { performances: Summary[] } };
    const phases = Object.fromEntries(data.performances.map((p) => [p.name, p.phase]));
    expect(phases).toEqual({
      [onSale.name]: "on-sale",
      [upcoming.name]: "upcoming",
      [soldOut.name]: "sold-out",
      [closed.name]: "closed",
    });
    expect(data.performances.find((p) => p.name === onSale.name)?.priceFromMinor).toBe(5_000);
  });

  it("searches names case-insensitively", async () => {
    expect((await list("?q=harbour")).names).toEqual([upcoming.name]);
    expect((await list("?q=DRAFT")).names).toEqual([]);
  });

  it("filters on sale now (sold-out and closed excluded) and opening soon", async () => {
    expect((await list("?sale=on-sale")).names).toEqual([onSale.name]);
    expect((await list("?sale=opening-soon")).names).toEqual([upcoming.name]);
  });

  it("filters by the days of the shows, inclusive", async () => {
    expect((await list(`?from=${day(11)}&to=${day(12)}`)).names).toEqual([onSale.name]);
    expect((await list(`?from=${day(13)}&to=${day(25)}`)).names).toEqual(
      [closed.name, soldOut.name].sort(),
    );
    expect((await list(`?from=${day(29)}`)).names).toEqual([upcoming.name]);
    expect((await list(`?to=${day(10)}`)).names).toEqual([onSale.name]);
    expect((await list(`?q=brass&sale=on-sale&from=${day(9)}&to=${day(10)}`)).names).toEqual([
      onSale.name,
    ]);
  });

  it("answers 400 for malformed filters, and treats empty fields as absent", async () => {
    expect((await list("?from=tomorrow")).status).toBe(400);
    expect((await list("?sale=cheap")).status).toBe(400);
    expect((await list(`?from=${day(5)}&to=${day(4)}`)).status).toBe(400);
    expect((await list(`?q=${"x".repeat(101)}`)).status).toBe(400);
    expect((await list("?q=&from=&to=&sale=")).names).toHaveLength(4);
  });
});

describe("GET /api/performances/:slug", () => {
  it("gives schedules with seats left, grades, hall and booking window", async () => {
    const response = await fetch(`${web.baseUrl}/api/performances/${onSale.slug}`);
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as {
      data: {
        performance: {
          phase: string;
          hall: { rows: number; columns: number };
          grades: { name: string; priceMinor: number; colour: string }[];
          schedules: { id: string; totalSeats: number; availableSeats: number }[];
          bookingOpensAt: string;
        };
      };
    };
    expect(data.performance.phase).toBe("on-sale");
    expect(data.performance.hall).toMatchObject({ rows: 2, columns: 3 });
    expect(data.performance.grades).toEqual([
      expect.objectContaining({ name: "R", priceMinor: 5_000, colour: "#C0392B" }),
    ]);
    expect(data.performance.schedules.map((s) => s.id)).toEqual(onSale.scheduleIds);
    expect(data.performance.schedules[0]).toMatchObject({ totalSeats: 6, availableSeats: 6 });
    expect(Date.parse(data.performance.bookingOpensAt)).toBeLessThan(Date.now());
  });

  it("is 404 for drafts, unknown slugs and malformed slugs alike", async () => {
    for (const slug of [draft.slug, "no-such-show", "Bad_Slug!"]) {
      const response = await fetch(`${web.baseUrl}/api/performances/${encodeURIComponent(slug)}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
    }
  });
});

describe("catalog pages", () => {
  it("render the filtered list and the detail page with Book links", async () => {
    const listPage = await (await fetch(`${web.baseUrl}/performances?q=brass`)).text();
    expect(listPage).toContain(onSale.name);
    expect(listPage).not.toContain(upcoming.name);

    const home = await fetch(`${web.baseUrl}/`, { redirect: "manual" });
    expect(home.status).toBe(307);
    expect(home.headers.get("location")).toMatch(/\/performances$/);

    const detail = await (await fetch(`${web.baseUrl}/performances/${onSale.slug}`)).text();
    for (const scheduleId of onSale.scheduleIds) expect(detail).toContain(`/book/${scheduleId}`);

    const upcomingDetail = await (
      await fetch(`${web.baseUrl}/performances/${upcoming.slug}`)
    ).text();
    expect(upcomingDetail).toContain("Opens in");
    expect(upcomingDetail).not.toContain("/book/");

    expect((await fetch(`${web.baseUrl}/performances/${draft.slug}`)).status).toBe(404);
  });
});
