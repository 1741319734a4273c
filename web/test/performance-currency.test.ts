import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBuyers, type TestBuyer } from "./support/booking";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * The organizer chooses a performance's currency: its grades, a buyer's hold and the
 * checkout are in it, and it is locked once anything was reserved in it.
 */
let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let buyerCookie: string;
let hallId: string;
let buyer: TestBuyer;

interface ApiBody<T> {
  data?: T;
  error?: {
    code: string;
    message: string;
    details?: { reason?: string; issues?: { path: string; message: string }[] };
  };
}

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  {
    cookie = adminCookie,
    headers = {},
    body,
  }: { cookie?: string | null; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: ApiBody<T> }> {
  const all: Record<string, string> = { ...headers };
  if (cookie && !all.cookie) all.cookie = cookie;
  if (body !== undefined) all["content-type"] = "application/json";
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: all,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody<T> };
}

const HOUR = 3_600_000;
const iso = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * HOUR).toISOString();

interface AdminPerformance {
  currency: string;
  grades: { id: string; name: string; priceMinor: number; currency: string }[];
}

async function createPerformance(extra: Record<string, unknown>) {
  return call<{ performance: { id: string } }>("POST", "/api/admin/performances", {
    body: {
      name: "Won Show",
      slug: `won-show-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      runtimeMinutes: 100,
      ageRating: "ALL",
      bookingOpensAt: iso(-1),
      bookingClosesAt: iso(24 * 20),
      saleStatus: "PUBLISHED",
      hallId,
      grades: [{ name: "R", priceMinor: 55_000, colour: "#C0392B" }],
      ...extra,
    },
  });
}

async function readPerformance(id: string): Promise<AdminPerformance> {
  const answer = await call<{ performance: AdminPerformance }>(
    "GET",
    `/api/admin/performances/${id}`,
  );
  expect(answer.status).toBe(200);
  return answer.body.data?.performance as AdminPerformance;
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_currency" });
  web = await system.startWeb({ env: { PAYMENT_PROVIDER: "simulated" } });
  const [admin, plainBuyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "currency-organizer", role: "ADMIN" },
    { label: "currency-buyer" },
  ]);
  [adminCookie, buyerCookie] = [admin.cookie, plainBuyer.cookie];
  [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  const hall = await call<{ hall: { id: string } }>("POST", "/api/admin/halls", {
    body: { name: "Won Hall", address: "1 Won Road", rows: 2, columns: 3 },
  });
  expect(hall.status).toBe(201);
  hallId = hall.body.data?.hall.id ?? "";
});

afterAll(async () => {
  await system.stop();
});

describe("a performance's currency", () => {
  it("is chosen on create: grades, a hold and the checkout are in won, and it locks once reserved", async () => {
    const created = await createPerformance({ currency: "KRW" });
    expect(created.status).toBe(201);
    const id = created.body.data?.performance.id ?? "";

    const added = await call<{ grade: { currency: string } }>(
      "POST",
      `/api/admin/performances/${id}/grades`,
      { body: { name: "S", priceMinor: 33_000, colour: "#2E86C1", sortOrder: 1 } },
    );
    expect(added.status).toBe(201);
    expect(added.body.data?.grade.currency).toBe("KRW");

    const performance = await readPerformance(id);
    expect(performance.currency).toBe("KRW");
    expect(performance.grades.map((grade) => [grade.name, grade.currency])).toEqual([
      ["R", "KRW"],
      ["S", "KRW"],
    ]);

    const gradeR = performance.grades.find((grade) => grade.name === "R")?.id ?? "";
    const schedule = await call<{ schedule: { id: string } }>(
      "POST",
      `/api/admin/performances/${id}/schedules`,
      { body: { startsAt: iso(24 * 21), bands: [{ gradeId: gradeR, fromRow: 1, toRow: 2 }] } },
    );
    expect(schedule.status).toBe(201);
    const scheduleId = schedule.body.data?.schedule.id ?? "";
    const seat = await system.prisma.seat.findFirstOrThrow({
      where: { scheduleId },
      orderBy: [{ row: "asc" }, { column: "asc" }],
    });

    const headers = await system.buyerHeaders(buyer, id);
    const hold = await call<{ reservationId: string; amountMinor: number; currency: string }>(
      "POST",
      `/api/schedules/${scheduleId}/holds`,
      { cookie: null, headers, body: { seatIds: [seat.id] } },
    );
    expect(hold.status).toBe(201);
    expect(hold.body.data).toMatchObject({ amountMinor: 55_000, currency: "KRW" });
    const reservationId = hold.body.data?.reservationId ?? "";

    const checkout = await call<{ sessionId: string }>(
      "POST",
      `/api/reservations/${reservationId}/checkout`,
      { cookie: null, headers },
    );
    expect(checkout.status).toBe(200);
    const page = await fetch(
      `${web.baseUrl}/simulated-checkout/${checkout.body.data?.sessionId ?? ""}`,
      { headers: { cookie: headers.cookie, "accept-language": "en" } },
    );
    expect(page.status).toBe(200);
    // Won have no minor unit: 55000 is ₩55,000, not ₩550.00.
    expect(await page.text()).toContain("₩55,000");

    const change = await call("PATCH", `/api/admin/performances/${id}`, {
      body: { currency: "EUR" },
    });
    expect(change.status).toBe(409);
    expect(change.body.error?.code).toBe("CONFLICT");
    expect(change.body.error?.details?.reason).toBe("CURRENCY_LOCKED");
    expect(change.body.error?.details?.issues?.map((issue) => issue.path)).toEqual(["currency"]);
    const after = await readPerformance(id);
    expect(after.currency).toBe("KRW");
    expect(after.grades.every((grade) => grade.currency === "KRW")).toBe(true);

    // Naming the currency it already has changes nothing and is not refused.
    const same = await call("PATCH", `/api/admin/performances/${id}`, {
      body: { currency: "KRW", name: "Won Show Renamed" },
    });
    expect(same.status).toBe(200);
  });

  it("changes with every grade while nothing is reserved", async () => {
    const created = await createPerformance({
      currency: "USD",
      grades: [
        { name: "A", priceMinor: 4_500, colour: "#C0392B" },
        { name: "B", priceMinor: 2_000, colour: "#2E86C1", sortOrder: 1 },
      ],
    });
    expect(created.status).toBe(201);
    const id = created.body.data?.performance.id ?? "";
    const change = await call("PATCH", `/api/admin/performances/${id}`, {
      body: { currency: "JPY" },
    });
    expect(change.status).toBe(200);
    const performance = await readPerformance(id);
    expect(performance.currency).toBe("JPY");
    expect(performance.grades.map((grade) => grade.currency)).toEqual(["JPY", "JPY"]);
  });

  it("is EUR when a client leaves it out", async () => {
    const created = await createPerformance({});
    expect(created.status).toBe(201);
    const performance = await readPerformance(created.body.data?.performance.id ?? "");
    expect(performance.currency).toBe("EUR");
    expect(performance.grades.every((grade) => grade.currency === "EUR")).toBe(true);
  });

  it("refuses a currency outside the list, on create and edit, and saves nothing", async () => {
    const before = await system.prisma.performance.count();
    for (const currency of ["XYZ", "krw", "", 410, null]) {
      const created = await createPerformance({ currency });
      expect(created.status).toBe(400);
      expect(created.body.error?.code).toBe("VALIDATION_FAILED");
      expect(created.body.error?.details?.issues?.map((issue) => issue.path)).toContain("currency");
    }
    expect(await system.prisma.performance.count()).toBe(before);

    const created = await createPerformance({ currency: "GBP" });
    const id = created.body.data?.performance.id ?? "";
    const change = await call("PATCH", `/api/admin/performances/${id}`, {
      body: { currency: "CHF" },
    });
    expect(change.status).toBe(400);
    expect((await readPerformance(id)).currency).toBe("GBP");
  });

  it("is the organizer's to change: a buyer gets 403 and an anonymous caller 401", async () => {
    const created = await createPerformance({ currency: "EUR" });
    const id = created.body.data?.performance.id ?? "";
    const asBuyer = await call("PATCH", `/api/admin/performances/${id}`, {
      cookie: buyerCookie,
      body: { currency: "KRW" },
    });
    expect(asBuyer.status).toBe(403);
    const anonymous = await call("PATCH", `/api/admin/performances/${id}`, {
      cookie: null,
      body: { currency: "KRW" },
    });
    expect(anonymous.status).toBe(401);
    expect((await readPerformance(id)).currency).toBe("EUR");
  });
});
