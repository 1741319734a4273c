import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartKeys } from "@ticketping/common/queue";
import { QueueStore } from "@ticketping/common/queue/store";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let buyerCookie: string;
let buyerId: string;

interface ApiBody<T> {
  data?: T;
  error?: {
    code: string;
    message: string;
    details?: { reason?: string; issues?: { path: string; message: string; code?: string }[] };
  };
}

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  { cookie = adminCookie, body }: { cookie?: string | null; body?: unknown } = {},
): Promise<{ status: number; body: ApiBody<T> }> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody<T> };
}

const HOUR = 3_600_000;
const iso = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_admin" });
  web = await system.startWeb();
  const [admin, buyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "organizer", role: "ADMIN" },
    { label: "plain-buyer" },
  ]);
  [adminCookie, buyerCookie, buyerId] = [admin.cookie, buyer.cookie, buyer.id];
});

afterAll(async () => {
  await system.stop();
});

const someId = "01900000-0000-7000-8000-000000000000";
const adminRequests: [string, string][] = [
  ["GET", "/api/admin/halls"],
  ["POST", "/api/admin/halls"],
  ["PATCH", `/api/admin/halls/${someId}`],
  ["GET", `/api/admin/halls/${someId}/plan`],
  ["PUT", `/api/admin/halls/${someId}/plan`],
  ["GET", "/api/admin/performances"],
  ["POST", "/api/admin/performances"],
  ["GET", `/api/admin/performances/${someId}`],
  ["PATCH", `/api/admin/performances/${someId}`],
  ["PUT", `/api/admin/performances/${someId}/queue-settings`],
  ["POST", `/api/admin/performances/${someId}/grades`],
  ["POST", `/api/admin/performances/${someId}/schedules`],
  ["GET", `/api/admin/performances/${someId}/stats`],
  ["GET", `/api/admin/performances/${someId}/stats/history`],
  ["PATCH", `/api/admin/grades/${someId}`],
  ["DELETE", `/api/admin/grades/${someId}`],
  ["DELETE", `/api/admin/schedules/${someId}`],
  ["POST", `/api/admin/reservations/${someId}/refunds`],
  ["POST", `/api/admin/schedules/${someId}/cancellation`],
  ["GET", `/api/admin/schedules/${someId}/cancellation`],
  ["GET", `/api/admin/schedules/${someId}/held-back-seats`],
  ["POST", `/api/admin/schedules/${someId}/held-back-seats`],
];

describe("admin APIs are for organizers only", () => {
  it("answer 401 UNAUTHENTICATED without a session and 403 FORBIDDEN to a buyer", async () => {
    for (const [method, path] of adminRequests) {
      const body = method === "GET" || method === "DELETE" ? undefined : {};
      const anonymous = await call(method, path, { cookie: null, body });
      expect([path, anonymous.status, anonymous.body.error?.code]).toEqual([
        path,
        401,
        "UNAUTHENTICATED",
      ]);
      const buyer = await call(method, path, { cookie: buyerCookie, body });
      expect([path, buyer.status, buyer.body.error?.code]).toEqual([path, 403, "FORBIDDEN"]);
    }
  });

  it("answer buyers with a 403 page (status 403) and send anonymous visitors to sign in", async () => {
    // Each page's own heading (its <title> comes from metadata, rendered regardless).
    const pages: [string, string][] = [
      ["/organizer", "Organizer console"],
      ["/organizer/performances/new", ">New performance</h1>"],
      [`/organizer/halls/${someId}`, "Its size is fixed"],
    ];
    for (const [path, heading] of pages) {
      const page = await fetch(`${web.baseUrl}${path}`, { headers: { cookie: buyerCookie } });
      const html = await page.text();
      expect([path, page.status]).toEqual([path, 403]);
      expect(html).toContain("for organizers only");
      expect(html).not.toContain(heading);
    }
    const organizerPage = await fetch(`${web.baseUrl}/organizer`, {
      headers: { cookie: adminCookie },
    });
    expect(organizerPage.status).toBe(200);
    expect(await organizerPage.text()).toContain("Organizer console");

    const anonymous = await fetch(`${web.baseUrl}/organizer/performances/new`, {
      redirect: "manual",
    });
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toContain(
      "/signin?callbackUrl=%2Forganizer%2Fperformances%2Fnew",
    );
  });
});

describe("creating a performance with a schedule", () => {
  let hallId: string;
  let performanceId: string;
  let slug: string;
  let gradeIds: { vip: string; standard: string };

  it("lays out hall rows x columns seats, graded by the organizer's row bands", async () => {
    const hall = await call<{ hall: { id: string } }>("POST", "/api/admin/halls", {
      body: { name: "Test Arena", address: "2 Test Road", rows: 5, columns: 4 },
    });
    expect(hall.status).toBe(201);
    hallId = hall.body.data?.hall.id ?? "";

    slug = `admin-made-${Date.now()}`;
    const created = await call<{ performance: { id: string } }>("POST", "/api/admin/performances", {
      body: {
        name: "Admin Made Show",
        slug,
        description: "Made through the API.",
        posterUrl: "/posters/aurora-symphony-live.svg",
        runtimeMinutes: 95,
        ageRating: "12+",
        bookingOpensAt: iso(-1),
        bookingClosesAt: iso(24 * 20),
        saleStatus: "DRAFT",
        maxSeatsPerReservation: 6,
        hallId,
        grades: [
          { name: "VIP", priceMinor: 15_000, colour: "#B8860B" },
          { name: "Standard", priceMinor: 6_500, colour: "#2E86C1", sortOrder: 1 },
        ],
      },
    });
    expect(created.status).toBe(201);
    performanceId = created.body.data?.performance.id ?? "";
    const grades = await system.prisma.seatGrade.findMany({ where: { performanceId } });
    gradeIds = {
      vip: grades.find((grade) => grade.name === "VIP")?.id ?? "",
      standard: grades.find((grade) => grade.name === "Standard")?.id ?? "",
    };
    expect(grades.every((grade) => grade.currency === "EUR")).toBe(true);

    const startsAt = iso(24 * 21);
    const schedule = await call<{ schedule: { id: string; seatCount: number } }>(
      "POST",
      `/api/admin/performances/${performanceId}/schedules`,
      {
        body: {
          startsAt,
          bands: [
            { gradeId: gradeIds.vip, fromRow: 1, toRow: 2 },
            { gradeId: gradeIds.standard, fromRow: 3, toRow: 5 },
          ],
        },
      },
    );
    expect(schedule.status).toBe(201);
    expect(schedule.body.data?.schedule.seatCount).toBe(20);

    const seats = await system.prisma.seat.findMany({
      where: { scheduleId: schedule.body.data?.schedule.id ?? "" },
    });
    expect(seats).toHaveLength(20);
    expect(new Set(seats.map((seat) => `${seat.row}:${seat.column}`)).size).toBe(20);
    expect(seats.every((seat) => seat.status === "AVAILABLE")).toBe(true);
    const vipRows = new Set(seats.filter((s) => s.gradeId === gradeIds.vip).map((s) => s.row));
    expect([...vipRows].sort()).toEqual([1, 2]);
    expect(seats.filter((seat) => seat.gradeId === gradeIds.standard)).toHaveLength(12);

    // Show dates follow the schedules.
    const performance = await system.prisma.performance.findUniqueOrThrow({
      where: { id: performanceId },
    });
    expect(performance.firstShowAt.toISOString()).toBe(startsAt);
    expect(performance.lastShowAt.toISOString()).toBe(startsAt);
  });

  it("shows it to buyers once published", async () => {
    const catalog = async () =>
      (
        (await (await fetch(`${web.baseUrl}/api/performances?q=admin made`)).json()) as {
          data: { performances: { slug: string; phase: string }[] };
        }
      ).data.performances;
    expect(await catalog()).toEqual([]);

    const published = await call("PATCH", `/api/admin/performances/${performanceId}`, {
      body: { saleStatus: "PUBLISHED" },
    });
    expect(published.status).toBe(200);
    expect(await catalog()).toEqual([expect.objectContaining({ slug, phase: "on-sale" })]);

    const closed = await call("PATCH", `/api/admin/performances/${performanceId}`, {
      body: { saleStatus: "CLOSED" },
    });
    expect(closed.status).toBe(200);
    expect(await catalog()).toEqual([expect.objectContaining({ slug, phase: "closed" })]);
  });

  it("refuses bands that miss, overlap or overrun rows, or use another performance's grade", async () => {
    const other = await seedPerformance(system.prisma, {
      name: "Other Show",
      opensInHours: -1,
      showsInHours: [100],
    });
    const cases: [string, { gradeId: string; fromRow: number; toRow: number }[], RegExp][] = [
      ["gap", [{ gradeId: gradeIds.vip, fromRow: 1, toRow: 4 }], /Row 5 has no grade/],
      [
        "overlap",
        [
          { gradeId: gradeIds.vip, fromRow: 1, toRow: 3 },
          { gradeId: gradeIds.standard, fromRow: 3, toRow: 5 },
        ],
        /Row 3 is in two bands/,
      ],
      [
        "overrun",
        [{ gradeId: gradeIds.vip, fromRow: 1, toRow: 6 }],
        /5 rows; row 6 does not exist/,
      ],
      ["foreign grade", [{ gradeId: other.gradeId, fromRow: 1, toRow: 5 }], /own grades/],
    ];
    for (const [label, bands, message] of cases) {
      const response = await call("POST", `/api/admin/performances/${performanceId}/schedules`, {
        body: { startsAt: iso(24 * 22), bands },
      });
      expect([label, response.status, response.body.error?.code]).toEqual([
        label,
        400,
        "VALIDATION_FAILED",
      ]);
      expect(response.body.error?.message).toMatch(message);
    }
    expect(await system.prisma.schedule.count({ where: { performanceId } })).toBe(1);
  });

  it("refuses a second show at the same time and a slug already in use", async () => {
    const existing = await system.prisma.schedule.findFirstOrThrow({ where: { performanceId } });
    const duplicate = await call("POST", `/api/admin/performances/${performanceId}/schedules`, {
      body: {
        startsAt: existing.startsAt.toISOString(),
        bands: [{ gradeId: gradeIds.vip, fromRow: 1, toRow: 5 }],
      },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error?.details?.reason).toBe("SCHEDULE_EXISTS");

    const other = await seedPerformance(system.prisma, {
      name: "Slug Holder",
      opensInHours: -1,
      showsInHours: [100],
    });
    const taken = await call("PATCH", `/api/admin/performances/${performanceId}`, {
      body: { slug: other.slug },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error?.details?.reason).toBe("SLUG_TAKEN");
  });

  it("will not resize a hall whose seats were laid out, but renames it", async () => {
    const resize = await call("PATCH", `/api/admin/halls/${hallId}`, { body: { rows: 6 } });
    expect(resize.status).toBe(409);
    expect(resize.body.error?.details?.reason).toBe("HALL_IN_USE");
    const rename = await call("PATCH", `/api/admin/halls/${hallId}`, {
      body: { name: "Renamed Arena" },
    });
    expect(rename.status).toBe(200);
  });
});

describe("the venue's time zone", () => {
  interface Hall {
    id: string;
    timeZone: string;
  }

  it("is set on create and edit, spelt as Intl spells it, and listed", async () => {
    const created = await call<{ hall: Hall }>("POST", "/api/admin/halls", {
      body: {
        name: "Salle Paris",
        address: "1 rue du Test",
        rows: 2,
        columns: 2,
        timeZone: "europe/paris",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.data?.hall.timeZone).toBe("Europe/Paris");
    const hallId = created.body.data?.hall.id ?? "";

    const byDefault = await call<{ hall: Hall }>("POST", "/api/admin/halls", {
      body: { name: "Seoul Hall", address: "1 Test-ro", rows: 2, columns: 2 },
    });
    expect(byDefault.body.data?.hall.timeZone).toBe("Asia/Seoul");

    const moved = await call<{ hall: Hall }>("PATCH", `/api/admin/halls/${hallId}`, {
      body: { timeZone: "America/New_York" },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.data?.hall.timeZone).toBe("America/New_York");

    const list = await call<{ halls: (Hall & { name: string })[] }>("GET", "/api/admin/halls");
    expect(list.body.data?.halls.find((hall) => hall.id === hallId)).toMatchObject({
      name: "Salle Paris",
      timeZone: "America/New_York",
    });
  });

  it("refuses a zone Intl does not know with a stable code, and saves nothing", async () => {
    for (const timeZone of ["Mars/Olympus", "Asia/Seoul'; --", ""]) {
      const refused = await call("POST", "/api/admin/halls", {
        body: { name: "Nowhere Hall", address: "Nowhere", rows: 2, columns: 2, timeZone },
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.code).toBe("VALIDATION_FAILED");
      expect(refused.body.error?.details?.issues?.[0]?.path).toBe("timeZone");
    }
    const unknown = await call("POST", "/api/admin/halls", {
      body: {
        name: "Nowhere Hall",
        address: "Nowhere",
        rows: 2,
        columns: 2,
        timeZone: "Mars/Olympus",
      },
    });
    expect(unknown.body.error?.details?.issues).toEqual([
      expect.objectContaining({ path: "timeZone", code: "UNKNOWN_TIME_ZONE" }),
    ]);
    expect(await system.prisma.hall.count({ where: { name: "Nowhere Hall" } })).toBe(0);
  });

  it("refuses an out-of-range size in plain words, not the validator's", async () => {
    const refused = await call("POST", "/api/admin/halls", {
      body: { name: "Odd Hall", address: "Nowhere", rows: 0, columns: 101 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details?.issues).toEqual([
      { path: "rows", message: "At least 1 row." },
      { path: "columns", message: "At most 100 seats a row." },
    ]);
    const fraction = await call("POST", "/api/admin/halls", {
      body: { name: "Odd Hall", address: "Nowhere", rows: 2.5, columns: 1 },
    });
    expect(fraction.body.error?.details?.issues).toEqual([
      { path: "rows", message: "Enter a whole number." },
    ]);
  });
});

describe("partial edits", () => {
  it("change only the fields they name", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Partly Edited",
      opensInHours: -1,
      showsInHours: [100],
    });
    await system.prisma.performance.update({
      where: { id: performance.id },
      data: { description: "Kept.", posterUrl: "/posters/kept.svg", maxSeatsPerReservation: 8 },
    });
    await system.prisma.seatGrade.update({
      where: { id: performance.gradeId },
      data: { sortOrder: 7 },
    });

    const renamed = await call("PATCH", `/api/admin/performances/${performance.id}`, {
      body: { name: "Only The Name" },
    });
    expect(renamed.status).toBe(200);
    expect(
      await system.prisma.performance.findUniqueOrThrow({
        where: { id: performance.id },
        select: {
          name: true,
          saleStatus: true,
          description: true,
          posterUrl: true,
          maxSeatsPerReservation: true,
        },
      }),
    ).toEqual({
      name: "Only The Name",
      saleStatus: "PUBLISHED",
      description: "Kept.",
      posterUrl: "/posters/kept.svg",
      maxSeatsPerReservation: 8,
    });

    const repriced = await call("PATCH", `/api/admin/grades/${performance.gradeId}`, {
      body: { priceMinor: 5_500 },
    });
    expect(repriced.status).toBe(200);
    expect(
      await system.prisma.seatGrade.findUniqueOrThrow({
        where: { id: performance.gradeId },
        select: { priceMinor: true, sortOrder: true },
      }),
    ).toEqual({ priceMinor: 5_500, sortOrder: 7 });
  });
});

describe("edits that would rewrite reservations", () => {
  it("refuse deleting a reserved schedule and repricing a reserved performance, and say why", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Reserved Show",
      opensInHours: -1,
      showsInHours: [100, 120],
    });
    const [reservedSchedule, freeSchedule] = performance.scheduleIds;
    const [seats] = performance.seatIds;
    if (!reservedSchedule || !freeSchedule || !seats?.[0]) throw new Error("fixture incomplete");
    await seedReservation(system.prisma, {
      userId: buyerId,
      scheduleId: reservedSchedule,
      seatIds: [seats[0]],
      status: "EXPIRED",
    });

    const remove = await call("DELETE", `/api/admin/schedules/${reservedSchedule}`);
    expect(remove.status).toBe(409);
    expect(remove.body.error?.details?.reason).toBe("RESERVATIONS_EXIST");
    expect(remove.body.error?.message).toMatch(/reservations/);

    const reprice = await call("PATCH", `/api/admin/grades/${performance.gradeId}`, {
      body: { priceMinor: 9_900 },
    });
    expect(reprice.status).toBe(409);
    expect(reprice.body.error?.details?.reason).toBe("RESERVATIONS_EXIST");
    expect(reprice.body.error?.message).toMatch(/Prices cannot change/);

    // What does not touch reservations is still allowed.
    const recolour = await call("PATCH", `/api/admin/grades/${performance.gradeId}`, {
      body: { colour: "#123456", name: "Renamed" },
    });
    expect(recolour.status).toBe(200);
    const removeFree = await call("DELETE", `/api/admin/schedules/${freeSchedule}`);
    expect(removeFree.status).toBe(200);
    expect(await system.prisma.seat.count({ where: { scheduleId: freeSchedule } })).toBe(0);

    const gradeInUse = await call("DELETE", `/api/admin/grades/${performance.gradeId}`);
    expect(gradeInUse.status).toBe(409);
    expect(gradeInUse.body.error?.details?.reason).toBe("GRADE_IN_USE");
  });
});

describe("queue settings", () => {
  it("stores valid values, resets with null, and names each out-of-range field", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Queue Tuned",
      opensInHours: -1,
      showsInHours: [100],
    });
    const path = `/api/admin/performances/${performance.id}/queue-settings`;
    const valid = {
      maxActive: 250,
      admitRatePerSec: 20,
      tokenTtlSeconds: 900,
      refuseRatio: 2.5,
      powComplexity: 20_000,
    };
    expect((await call("PUT", path, { body: valid })).status).toBe(200);
    expect(
      await system.prisma.performance.findUniqueOrThrow({
        where: { id: performance.id },
        select: {
          queueMaxActive: true,
          queueAdmitRatePerSec: true,
          queueTokenTtlSeconds: true,
          queueRefuseRatio: true,
          queuePowComplexity: true,
        },
      }),
    ).toEqual({
      queueMaxActive: 250,
      queueAdmitRatePerSec: 20,
      queueTokenTtlSeconds: 900,
      queueRefuseRatio: 2.5,
      queuePowComplexity: 20_000,
    });
    // The console reads them back as it shows them.
    const shown = await call<{ performance: { queue: Record<string, unknown> } }>(
      "GET",
      `/api/admin/performances/${performance.id}`,
    );
    // The email rule, not sent, keeps the default every performance starts with.
    expect(shown.body.data?.performance.queue).toEqual({ ...valid, requireVerifiedEmail: true });

    const invalid = await call("PUT", path, {
      body: {
        maxActive: 0,
        admitRatePerSec: 1.5,
        tokenTtlSeconds: 30,
        refuseRatio: 1000,
        powComplexity: 1_000_001,
      },
    });
    expect(invalid.status).toBe(400);
    // In the organizer's words, the same the console's form shows.
    expect(
      Object.fromEntries(
        (invalid.body.error?.details?.issues ?? []).map((issue) => [issue.path, issue.message]),
      ),
    ).toEqual({
      maxActive: "At least 1 buyer.",
      admitRatePerSec: "A whole number of admissions a second.",
      tokenTtlSeconds: "At least 60 seconds.",
      refuseRatio: "At most 100 times the seats left.",
      powComplexity: "At most 1,000,000.",
    });
    for (const powComplexity of [-1, 1.5, "15000"]) {
      const refused = await call("PUT", path, { body: { ...valid, powComplexity } });
      expect(refused.body.error?.details?.issues?.map((issue) => issue.path)).toEqual([
        "powComplexity",
      ]);
    }
    // 0 is a setting of its own (no proof of work), not the default.
    expect((await call("PUT", path, { body: { ...valid, powComplexity: 0 } })).status).toBe(200);
    expect(
      (await system.prisma.performance.findUniqueOrThrow({ where: { id: performance.id } }))
        .queuePowComplexity,
    ).toBe(0);
    expect((await call("PUT", path, { body: { maxActive: 10 } })).status).toBe(400);

    const reset = {
      maxActive: null,
      admitRatePerSec: null,
      tokenTtlSeconds: null,
      refuseRatio: null,
      powComplexity: null,
    };
    expect((await call("PUT", path, { body: reset })).status).toBe(200);
    const stored = await system.prisma.performance.findUniqueOrThrow({
      where: { id: performance.id },
    });
    expect(stored.queueMaxActive).toBeNull();
    expect(stored.queuePowComplexity).toBeNull();

    const missing = await call("PUT", `/api/admin/performances/${someId}/queue-settings`, {
      body: reset,
    });
    expect(missing.status).toBe(404);
  });
});

describe("live numbers", () => {
  it("count held and sold seats and the revenue of confirmed reservations", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Stats Show",
      opensInHours: -1,
      showsInHours: [100],
      rows: 2,
      columns: 5,
    });
    const [scheduleId] = performance.scheduleIds;
    const [seats = []] = performance.seatIds;
    if (!scheduleId) throw new Error("fixture incomplete");
    const reserve = (seatIds: string[], status: "PENDING" | "CONFIRMED" | "EXPIRED") =>
      seedReservation(system.prisma, { userId: buyerId, scheduleId, seatIds, status });
    await reserve(seats.slice(0, 2), "CONFIRMED");
    await reserve(seats.slice(2, 5), "CONFIRMED");
    await reserve(seats.slice(5, 6), "PENDING");
    await reserve(seats.slice(6, 8), "EXPIRED");

    const stats = await call<{
      stats: {
        seats: Record<string, number>;
        revenueMinor: number;
        currency: string;
        reservations: Record<string, number>;
        queue: { live: boolean; waiting: number; active: number } | null;
      };
    }>("GET", `/api/admin/performances/${performance.id}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body.data?.stats).toMatchObject({
      seats: { total: 10, available: 4, held: 1, sold: 5 },
      revenueMinor: 5 * 5_000,
      currency: "EUR",
      reservations: { pending: 1, confirmed: 2 },
    });
    // Nobody ever queued for it: the waiting room reports itself idle, with zeros.
    expect(stats.body.data?.stats.queue).toMatchObject({ live: false, waiting: 0, active: 0 });
  });

  it("keep the charts' samples from the stats reads: one per interval, the last 60, expiring", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Charted Show",
      opensInHours: -1,
      showsInHours: [100],
      columns: 4,
    });
    const [scheduleId] = performance.scheduleIds;
    const [seats = []] = performance.seatIds;
    if (!scheduleId) throw new Error("fixture incomplete");
    await seedReservation(system.prisma, {
      userId: buyerId,
      scheduleId,
      seatIds: seats.slice(0, 3),
      status: "CONFIRMED",
    });
    const statsPath = `/api/admin/performances/${performance.id}/stats`;
    const history = async () => {
      const answer = await call<{ samples: Record<string, unknown>[] }>(
        "GET",
        `${statsPath}/history`,
      );
      expect(answer.status).toBe(200);
      return answer.body.data?.samples ?? [];
    };
    expect(await history()).toEqual([]);

    // Two tabs polling at once make one sample.
    const before = Date.now();
    await Promise.all([call("GET", statsPath), call("GET", statsPath)]);
    const [first, ...rest] = await history();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ sold: 3, held: 0, inLine: 0, active: 0, admittedPerMinute: 0 });
    expect(Date.parse(String(first?.at))).toBeGreaterThanOrEqual(before - 1_000);

    const keys = chartKeys(system.keyPrefix, performance.id);
    const ttl = await system.redis.ttl(keys.samples);
    expect(ttl).toBeGreaterThan(3_000);
    expect(ttl).toBeLessThanOrEqual(3_600);

    // A long watch keeps the last 60, oldest first; what cannot be read is left out.
    const old = (index: number) =>
      JSON.stringify({
        at: new Date(before - 600_000 + index * 3_000).toISOString(),
        sold: index,
        held: 0,
        inLine: null,
        active: null,
        admittedPerMinute: null,
      });
    await system.redis.del(keys.samples, keys.lastSampled);
    const written = Array.from({ length: 70 }, (_, index) => old(index));
    await system.redis.rpush(
      keys.samples,
      ...written.slice(0, 40),
      "not a sample",
      ...written.slice(40),
    );
    expect((await call("GET", statsPath)).status).toBe(200);
    expect(await system.redis.llen(keys.samples)).toBe(60);
    const kept = await history();
    expect(kept).toHaveLength(59);
    expect(kept[0]).toMatchObject({ sold: 12, inLine: null });
    expect(kept.at(-1)).toMatchObject({ sold: 3, inLine: 0 });

    const missing = await call("GET", `/api/admin/performances/${someId}/stats/history`);
    expect([missing.status, missing.body.error?.code]).toEqual([404, "NOT_FOUND"]);
  });

  it("report the waiting room's own figures while its queue runs", async () => {
    const performance = await seedPerformance(system.prisma, {
      name: "Queued Show",
      opensInHours: -1,
      showsInHours: [100],
    });
    const store = new QueueStore({ redis: system.redis, keyPrefix: system.keyPrefix });
    const now = Date.now();
    await store.putSettings(
      performance.id,
      {
        known: true,
        saleStatus: "PUBLISHED",
        opensAt: now - HOUR,
        closesAt: now + HOUR,
        maxActive: 1,
        admitRate: 10,
        tokenTtlMs: 600_000,
        refuseRatio: 0,
        unsoldSeats: 6,
        claimWindowMs: 30_000,
        graceMs: 30_000,
        preQueueLeadMs: 0,
        loadedAt: now,
        shuffleSeed: "0".repeat(64),
      },
      60_000,
    );
    for (const userId of ["fan-1", "fan-2", "fan-3"]) {
      await store.join({ performanceId: performance.id, userId, newConnection: true });
    }
    await store.advance({ performanceId: performance.id, minIntervalMs: 0, maxAdmissions: 10 });
    const expected = await store.stats(performance.id);

    const stats = await call<{
      stats: { queue: { live: boolean; waiting: number; active: number; admittedTotal: number } };
    }>("GET", `/api/admin/performances/${performance.id}/stats`);
    expect(stats.body.data?.stats.queue).toMatchObject({
      live: true,
      waiting: 2,
      active: 1,
      admittedTotal: 1,
      // No pace set: the organizer's 10/s.
      admissionPacePerMinute: 600,
    });
    // The same numbers the queue's own stats script reports.
    expect(stats.body.data?.stats.queue).toMatchObject({
      waiting: expected.progress?.waiting,
      active: expected.progress?.active,
      admittedTotal: expected.progress?.admittedTotal,
    });

    // The pace controller slowed admission: the organizer sees why.
    await store.setPaceState(performance.id, { pace: 2, steppedAt: Date.now(), cutAt: 0 });
    const paced = await call<{ stats: { queue: { admissionPacePerMinute: number } } }>(
      "GET",
      `/api/admin/performances/${performance.id}/stats`,
    );
    expect(paced.body.data?.stats.queue.admissionPacePerMinute).toBe(120);
  });
});
