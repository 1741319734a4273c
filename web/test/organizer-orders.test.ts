import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let adminId: string;
let buyerCookie: string;
let performanceId: string;
let showA: string;
let showB: string;
let seatsA: string[];
let seatsB: string[];

interface Order {
  id: string;
  status: string;
  buyer: { name: string; email: string };
  show: { scheduleId: string };
  seats: { label: string; refunded: boolean }[];
  amountMinor: number;
  payment: { provider: string; id: string } | null;
  paidAt: string | null;
}
interface Attendee {
  ticketId: string;
  status: string;
  holder: { name: string };
  seat: { label: string };
  checkIn: { gate: string } | null;
}
interface Body {
  data?: {
    orders?: Order[];
    attendees?: Attendee[];
    nextCursor?: string | null;
  };
  error?: { code: string; details?: { issues?: { path: string; code?: string }[] } };
}

async function get(path: string, cookie = adminCookie): Promise<{ status: number; body: Body }> {
  const response = await fetch(`${web.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, body: (await response.json()) as Body };
}

/** Every page of a list, following nextCursor; `between` runs before each next page. */
async function allPages<Row>(
  path: string,
  pick: (body: Body) => Row[] | undefined,
  between: () => Promise<void> = async () => {},
): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | null | undefined;
  let pages = 0;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const { status, body } = await get(
      cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path,
    );
    expect(status, JSON.stringify(body)).toBe(200);
    rows.push(...(pick(body) ?? []));
    cursor = body.data?.nextCursor;
    pages += 1;
    if (cursor) await between();
  } while (cursor && pages < 100);
  return { rows, pages };
}

async function buyer(name: string): Promise<string> {
  const user = await system.prisma.user.create({
    data: { name, email: `${randomUUID().slice(0, 8)}-${name.length}@orders.test.invalid` },
  });
  return user.id;
}

/** A paid order (CONFIRMED with a COMPLETED payment). */
async function paidOrder(userId: string, scheduleId: string, seatIds: string[], createdAt?: Date) {
  const reservationId = await seedReservation(system.prisma, {
    userId,
    scheduleId,
    seatIds,
    status: "CONFIRMED",
    ...(createdAt ? { createdAt } : {}),
  });
  await system.prisma.payment.create({
    data: {
      reservationId,
      provider: "SIMULATED",
      providerPaymentId: `pi_sim_${randomUUID().replaceAll("-", "")}`,
      amountMinor: 5_000 * seatIds.length,
      currency: "EUR",
      status: "COMPLETED",
    },
  });
  return reservationId;
}

const seat = (seats: string[], index: number) => seats[index] ?? "";
let kimOrder: string;
let formulaOrder: string;
let quotedOrder: string;
const lapsedOrders: string[] = [];

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_orders" });
  web = await system.startWeb();
  const [admin, someBuyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "orders-organizer", role: "ADMIN" },
    { label: "orders-buyer" },
  ]);
  [adminCookie, adminId, buyerCookie] = [admin.cookie, admin.id, someBuyer.cookie];
  const performance = await seedPerformance(system.prisma, {
    name: "Orders Night",
    opensInHours: -1,
    showsInHours: [48, 72],
    rows: 2,
    columns: 10,
  });
  performanceId = performance.id;
  [showA = "", showB = ""] = performance.scheduleIds;
  [seatsA = [], seatsB = []] = performance.seatIds;

  const kim = await buyer("Kim Min-ji");
  const formula = await buyer('=HYPERLINK("http://evil.invalid","x")');
  const quoted = await buyer('O\'Brien, "Bobby"');
  const lapsed = await buyer("Lapsed Lee");
  kimOrder = await paidOrder(kim, showA, [seat(seatsA, 2), seat(seatsA, 3)]);
  formulaOrder = await paidOrder(formula, showA, [seat(seatsA, 4)]);
  quotedOrder = await paidOrder(quoted, showB, [seat(seatsB, 0)]);
  // Many lapsed holds of one seat, several written at the same instant: the id breaks ties.
  const sameInstant = new Date(Date.now() - 60_000);
  for (let index = 0; index < 16; index += 1) {
    lapsedOrders.push(
      await seedReservation(system.prisma, {
        userId: lapsed,
        scheduleId: showA,
        seatIds: [seat(seatsA, 0)],
        status: "EXPIRED",
        ...(index % 2 === 0 ? { createdAt: sameInstant } : {}),
      }),
    );
  }
  // One of Kim's two seats refunded by the organizer; her other one checked in at the door.
  const refunded = await call("POST", `/api/admin/reservations/${kimOrder}/refunds`, {
    seatIds: [seat(seatsA, 3)],
    releaseSeats: false,
  });
  expect(refunded).toBe(202);
  const ticket = await system.prisma.ticket.findFirstOrThrow({
    where: { reservationId: kimOrder, seatId: seat(seatsA, 2) },
  });
  await system.prisma.checkIn.create({
    data: { ticketId: ticket.id, gate: "North 2", staffUserId: adminId, scannedAt: new Date() },
  });
});

async function call(method: string, path: string, body: unknown): Promise<number> {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: { cookie: adminCookie, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.status;
}

afterAll(async () => {
  await system.stop();
});

const routes = () => [
  `/api/admin/schedules/${showA}/orders`,
  `/api/admin/schedules/${showA}/orders.csv`,
  `/api/admin/schedules/${showA}/attendees`,
  `/api/admin/schedules/${showA}/attendees.csv`,
  `/api/admin/performances/${performanceId}/orders`,
  `/api/admin/performances/${performanceId}/orders.csv`,
  `/api/admin/performances/${performanceId}/attendees`,
  `/api/admin/performances/${performanceId}/attendees.csv`,
];

describe("who may read orders and attendees", () => {
  it("answers 401 without a session and 403 to a buyer, on every route", async () => {
    for (const path of routes()) {
      const anonymous = await get(path, "");
      expect([path, anonymous.status, anonymous.body.error?.code]).toEqual([
        path,
        401,
        "UNAUTHENTICATED",
      ]);
      const asBuyer = await get(path, buyerCookie);
      expect([path, asBuyer.status, asBuyer.body.error?.code]).toEqual([path, 403, "FORBIDDEN"]);
    }
  });
});

describe("GET .../orders", () => {
  it("lists a show's orders newest first with buyer, seats, amount and payment", async () => {
    const { status, body } = await get(`/api/admin/schedules/${showA}/orders?limit=100`);
    expect(status).toBe(200);
    const orders = body.data?.orders ?? [];
    expect(orders.map((order) => order.id).sort()).toEqual(
      [kimOrder, formulaOrder, ...lapsedOrders].sort(),
    );
    expect(body.data?.nextCursor).toBeNull();
    const kim = orders.find((order) => order.id === kimOrder);
    expect(kim).toMatchObject({
      status: "CONFIRMED",
      buyer: { name: "Kim Min-ji" },
      show: { scheduleId: showA },
      amountMinor: 10_000,
      seats: [
        { label: "R1-3", refunded: false },
        { label: "R1-4", refunded: true },
      ],
      payment: { provider: "SIMULATED" },
    });
    expect(kim?.paidAt).toEqual(expect.any(String));
  });

  it("pages through every order exactly once, even while orders are written between pages", async () => {
    const before = await system.prisma.reservation.findMany({
      where: { scheduleId: showA },
      select: { id: true },
    });
    const written: string[] = [];
    const { rows, pages } = await allPages(
      `/api/admin/schedules/${showA}/orders?limit=3`,
      (body) => body.data?.orders,
      async () => {
        written.push(
          await seedReservation(system.prisma, {
            userId: adminId,
            scheduleId: showA,
            seatIds: [seat(seatsA, 1)],
            status: "EXPIRED",
          }),
        );
      },
    );
    const ids = rows.map((order) => order.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(pages).toBeGreaterThan(5);
    // Every order that existed at the first page, once; the new ones sort before it.
    expect(ids.filter((id) => !written.includes(id)).sort()).toEqual(
      before.map((order) => order.id).sort(),
    );
    expect(written.length).toBe(pages - 1);
  });

  it("covers every show of a performance", async () => {
    const { rows } = await allPages(
      `/api/admin/performances/${performanceId}/orders?limit=4`,
      (body) => body.data?.orders,
    );
    const ids = rows.map((order) => order.id);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await system.prisma.reservation.count({
      where: { scheduleId: { in: [showA, showB] } },
    });
    expect(ids.length).toBe(all);
    expect(ids).toContain(quotedOrder);
  });

  it("searches by part of a name or email, by seat and by order id, and filters by status", async () => {
    const ids = async (query: string) =>
      (
        (await get(`/api/admin/performances/${performanceId}/orders?${query}`)).body.data?.orders ??
        []
      ).map((order) => order.id);
    expect(await ids("q=min-J")).toEqual([kimOrder]);
    const kimEmail = (
      await system.prisma.reservation.findUniqueOrThrow({
        where: { id: kimOrder },
        select: { user: { select: { email: true } } },
      })
    ).user.email;
    expect(await ids(`q=${encodeURIComponent(kimEmail.slice(0, 6).toUpperCase())}`)).toEqual([
      kimOrder,
    ]);
    expect(await ids("q=R1-4")).toEqual([kimOrder]);
    expect(await ids("q=1-5")).toEqual([formulaOrder]);
    expect(await ids(`q=${quotedOrder}`)).toEqual([quotedOrder]);
    // LIKE's wildcards are taken literally.
    expect(await ids("q=%25")).toEqual([]);
    expect((await ids("status=CONFIRMED")).sort()).toEqual(
      [kimOrder, formulaOrder, quotedOrder].sort(),
    );
    expect(await ids("status=CONFIRMED&q=bobby")).toEqual([quotedOrder]);
    expect(await ids("status=REFUNDED,CANCELLED")).toEqual([]);
  });

  it("pages a name search across every show, newest first, each match once", async () => {
    const { email } = await system.prisma.user.findUniqueOrThrow({
      where: { id: adminId },
      select: { email: true },
    });
    const fragment = email.slice(0, 8);
    const { rows, pages } = await allPages(
      `/api/admin/performances/${performanceId}/orders?limit=2&q=${encodeURIComponent(fragment)}`,
      (body) => body.data?.orders,
    );
    const expected = await system.prisma.reservation.findMany({
      where: {
        scheduleId: { in: [showA, showB] },
        user: {
          OR: [
            { name: { contains: fragment, mode: "insensitive" } },
            { email: { contains: fragment, mode: "insensitive" } },
          ],
        },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(expected.length).toBeGreaterThan(4);
    expect(pages).toBeGreaterThan(2);
    expect(rows.map((order) => order.id)).toEqual(expected.map((order) => order.id));
  });
});

describe("GET .../attendees", () => {
  it("lists one row per ticket in seat order with its status and check-in", async () => {
    const { status, body } = await get(`/api/admin/schedules/${showA}/attendees`);
    expect(status).toBe(200);
    expect(
      (body.data?.attendees ?? []).map((row) => [
        row.seat.label,
        row.holder.name,
        row.status,
        row.checkIn?.gate ?? null,
      ]),
    ).toEqual([
      ["R1-3", "Kim Min-ji", "VALID", "North 2"],
      ["R1-4", "Kim Min-ji", "REFUNDED", null],
      ["R1-5", '=HYPERLINK("http://evil.invalid","x")', "VALID", null],
    ]);
  });

  it("pages by cursor across shows and filters by status, check-in and search", async () => {
    const { rows, pages } = await allPages(
      `/api/admin/performances/${performanceId}/attendees?limit=1`,
      (body) => body.data?.attendees,
    );
    expect(rows.map((row) => row.seat.label)).toEqual(["R1-3", "R1-4", "R1-5", "R1-1"]);
    expect(pages).toBe(4);
    const labels = async (query: string) =>
      (
        (await get(`/api/admin/performances/${performanceId}/attendees?${query}`)).body.data
          ?.attendees ?? []
      ).map((row) => row.seat.label);
    expect(await labels("checkedIn=true")).toEqual(["R1-3"]);
    expect(await labels("checkedIn=false&status=VALID")).toEqual(["R1-5", "R1-1"]);
    expect(await labels("status=REFUNDED")).toEqual(["R1-4"]);
    expect(await labels("q=obrien")).toEqual([]);
    expect(await labels("q=o'brien")).toEqual(["R1-1"]);
  });
});

describe("CSV exports", () => {
  async function download(path: string) {
    const response = await fetch(`${web.baseUrl}${path}`, { headers: { cookie: adminCookie } });
    // response.text() would drop the byte-order mark, which is part of what is tested.
    const bytes = await response.arrayBuffer();
    return { response, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
  }

  it("streams the orders with a header row, RFC 4180 quoting and no formulas", async () => {
    const { response, text } = await download(
      `/api/admin/performances/${performanceId}/orders.csv`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="orders-[a-z0-9-]+\.csv"$/,
    );
    expect(text.startsWith("\uFEFForder_id,status,buyer_name,buyer_email,")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    const all = await system.prisma.reservation.count({
      where: { scheduleId: { in: [showA, showB] } },
    });
    expect(lines.length - 2).toBe(all);
    const kimLine = lines.find((line) => line.startsWith(kimOrder));
    expect(kimLine).toContain(",CONFIRMED,Kim Min-ji,");
    expect(kimLine).toContain(",2,R1-3 R1-4,R1-4,100.00,EUR,");
    expect(lines.find((line) => line.startsWith(quotedOrder))).toContain(
      `,CONFIRMED,"O'Brien, ""Bobby""",`,
    );
    expect(lines.find((line) => line.startsWith(formulaOrder))).toContain(
      `,CONFIRMED,"'=HYPERLINK(""http://evil.invalid"",""x"")",`,
    );
  });

  it("takes the list's filters, and exports attendees with their check-in", async () => {
    const orders = await download(
      `/api/admin/schedules/${showA}/orders.csv?status=CONFIRMED&q=kim`,
    );
    expect(orders.response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="orders-[a-z0-9-]+-\d{8}-\d{4}\.csv"$/,
    );
    expect(orders.text.split("\r\n").length).toBe(3);

    const { response, text } = await download(`/api/admin/schedules/${showA}/attendees.csv`);
    expect(response.status).toBe(200);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "ticket_reference,ticket_id,status,holder_name,holder_email,order_id,show_starts_at,seat,row,seat_number,grade,price,currency,checked_in,checked_in_at,gate",
    );
    expect(lines[1]).toMatch(/,VALID,Kim Min-ji,.*,R1-3,1,3,.*,50\.00,EUR,yes,\d{4}-.*,North 2$/);
    expect(lines[2]).toMatch(/,REFUNDED,Kim Min-ji,.*,R1-4,1,4,.*,no,,$/);
    expect(lines[3]).toContain(`,VALID,"'=HYPERLINK(`);
  });
});

describe("refusals", () => {
  it("answers 400 VALIDATION_FAILED naming the parameter, with INVALID_CURSOR for a bad cursor", async () => {
    const attendeesPage = await get(`/api/admin/schedules/${showA}/attendees?limit=1`);
    const foreignCursor = attendeesPage.body.data?.nextCursor ?? "";
    expect(foreignCursor).not.toBe("");
    for (const cursor of [
      "garbage",
      foreignCursor,
      Buffer.from('["orders","x","y"]').toString("base64url"),
    ]) {
      const { status, body } = await get(
        `/api/admin/schedules/${showA}/orders?cursor=${encodeURIComponent(cursor)}`,
      );
      expect([status, body.error?.code, body.error?.details?.issues]).toEqual([
        400,
        "VALIDATION_FAILED",
        [expect.objectContaining({ path: "cursor", code: "INVALID_CURSOR" })],
      ]);
    }
    for (const [query, path] of [
      ["status=PAID", "status.0"],
      ["status=", "status.0"],
      ["limit=0", "limit"],
      ["limit=101", "limit"],
      ["q=", "q"],
      [`q=${"x".repeat(101)}`, "q"],
    ] as const) {
      const { status, body } = await get(`/api/admin/schedules/${showA}/orders?${query}`);
      expect([query, status, body.error?.code, body.error?.details?.issues?.[0]?.path]).toEqual([
        query,
        400,
        "VALIDATION_FAILED",
        path,
      ]);
    }
    const badCheckIn = await get(`/api/admin/schedules/${showA}/attendees.csv?checkedIn=yes`);
    expect([badCheckIn.status, badCheckIn.body.error?.code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("answers 404 for an unknown or malformed show or performance", async () => {
    for (const path of [
      `/api/admin/schedules/${randomUUID()}/orders`,
      `/api/admin/performances/${randomUUID()}/attendees.csv`,
      `/api/admin/schedules/not-an-id/orders.csv`,
    ]) {
      const { status, body } = await get(path);
      expect([path, status, body.error?.code]).toEqual([path, 404, "NOT_FOUND"]);
    }
  });
});
