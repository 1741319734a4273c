import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance } from "./support/catalog-fixtures";
import { signedInUsers, type SignedInUser } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let buyerA: SignedInUser;
let buyerB: SignedInUser;
const reservationsOfA: string[] = [];
let reservationOfB: string;

interface Listed {
  id: string;
  status: string;
  statusReason: string | null;
  amountMinor: number;
  performance: { name: string };
  seats: { row: number; column: number; gradeName: string }[];
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_my_tickets" });
  const prisma = system.prisma;
  web = await system.startWeb();
  [buyerA, buyerB] = await signedInUsers(prisma, web.baseUrl, [
    { label: "buyer-a" },
    { label: "buyer-b" },
  ]);
  const performance = await seedPerformance(prisma, {
    name: "Ticket Test Night",
    opensInHours: -1,
    showsInHours: [100],
    rows: 2,
    columns: 4,
  });
  const [scheduleId] = performance.scheduleIds;
  const [seats] = performance.seatIds;
  if (!scheduleId || !seats) throw new Error("fixture incomplete");
  const minute = 60_000;
  const base = Date.now() - 60 * minute;
  // Oldest first; each a different outcome.
  const plan = [
    { status: "EXPIRED", seats: [0], reason: "The hold lapsed before payment." },
    { status: "REFUNDED", seats: [1], reason: "Paid after the hold lapsed; refunded." },
    { status: "CONFIRMED", seats: [2, 3] },
    { status: "PENDING", seats: [4] },
  ] as const;
  for (const [index, step] of plan.entries()) {
    reservationsOfA.push(
      await seedReservation(prisma, {
        userId: buyerA.id,
        scheduleId,
        seatIds: step.seats.map((seat) => seats[seat] ?? ""),
        status: step.status,
        ...("reason" in step ? { statusReason: step.reason } : {}),
        createdAt: new Date(base + index * minute),
      }),
    );
  }
  reservationOfB = await seedReservation(prisma, {
    userId: buyerB.id,
    scheduleId,
    seatIds: [seats[7] ?? ""],
    status: "CONFIRMED",
  });
});

afterAll(async () => {
  await system.stop();
});

async function listAs(cookie: string | undefined, query = "") {
  const response = await fetch(`${web.baseUrl}/api/me/reservations${query}`, {
    headers: cookie ? { cookie } : {},
  });
  const body = (await response.json()) as {
    data?: { reservations: Listed[]; asOf: string };
    error?: { code: string };
  };
  return { status: response.status, body };
}

describe("GET /api/me/reservations", () => {
  it("gives the buyer's own reservations, newest first, with seats, status and reason", async () => {
    const { status, body } = await listAs(buyerA.cookie);
    expect(status).toBe(200);
    const reservations = body.data?.reservations ?? [];
    expect(reservations.map((r) => r.id)).toEqual([...reservationsOfA].reverse());
    expect(reservations.map((r) => r.status)).toEqual([
      "PENDING",
      "CONFIRMED",
      "REFUNDED",
      "EXPIRED",
    ]);
    expect(reservations[1]).toMatchObject({
      amountMinor: 10_000,
      performance: { name: "Ticket Test Night" },
      seats: [
        { row: 1, column: 3, gradeName: "R" },
        { row: 1, column: 4, gradeName: "R" },
      ],
    });
    expect(reservations[3]?.statusReason).toBe("The hold lapsed before payment.");
    expect(reservations.map((r) => r.id)).not.toContain(reservationOfB);
  });

  it("never shows one buyer another's reservations", async () => {
    const { body } = await listAs(buyerB.cookie);
    expect(body.data?.reservations.map((r) => r.id)).toEqual([reservationOfB]);
  });

  it("requires a session, and validates the limit", async () => {
    const anonymous = await listAs(undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error?.code).toBe("UNAUTHENTICATED");

    expect((await listAs(buyerA.cookie, "?limit=2")).body.data?.reservations).toHaveLength(2);
    expect((await listAs(buyerA.cookie, "?limit=0")).status).toBe(400);
  });
});

describe("/my-tickets", () => {
  it("shows the buyer's tickets with status badges and reasons", async () => {
    const html = await (
      await fetch(`${web.baseUrl}/my-tickets`, { headers: { cookie: buyerA.cookie } })
    ).text();
    for (const label of ["Awaiting payment", "Confirmed", "Refunded", "Expired"]) {
      expect(html).toContain(label);
    }
    expect(html).toContain("Paid after the hold lapsed; refunded.");
    expect(html).toContain("Row 1, seat 3");
  });

  it("sends anonymous visitors to sign in first", async () => {
    const response = await fetch(`${web.baseUrl}/my-tickets`, { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toContain("/signin?callbackUrl=%2Fmy-tickets");
  });
});
