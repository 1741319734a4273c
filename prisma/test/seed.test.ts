import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../scripts/seed/seed-demo-data";
import { demoAccounts, demoCatalogCounts, demoPerformanceSlugs } from "../src/demo/index";
import type { PrismaClient } from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";

/** Everything a re-seed must reproduce, without ids and timestamps that may change. */
async function snapshot(prisma: PrismaClient) {
  const users = await prisma.user.findMany({
    select: { id: true, email: true, role: true },
    orderBy: { email: "asc" },
  });
  const performances = await prisma.performance.findMany({
    orderBy: { slug: "asc" },
    select: {
      slug: true,
      saleStatus: true,
      posterUrl: true,
      bookingOpensAt: true,
      bookingClosesAt: true,
      hall: {
        select: {
          name: true,
          rows: true,
          columns: true,
          aisleAfterRows: true,
          aisleAfterColumns: true,
          sections: true,
        },
      },
      grades: {
        select: { name: true, priceMinor: true, currency: true },
        orderBy: { name: "asc" },
      },
      schedules: { select: { startsAt: true }, orderBy: { startsAt: "asc" } },
    },
  });
  const seatsByStatus = await prisma.seat.groupBy({
    by: ["status"],
    _count: { _all: true },
    orderBy: { status: "asc" },
  });
  return {
    users,
    performances,
    seatsByStatus: seatsByStatus.map((row) => [row.status, row._count._all]),
    halls: await prisma.hall.count(),
    schedules: await prisma.schedule.count(),
    grades: await prisma.seatGrade.count(),
    reservations: await prisma.reservation.groupBy({ by: ["status"], _count: { _all: true } }),
    payments: await prisma.payment.count({ where: { status: "COMPLETED" } }),
  };
}

describe("seed", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  const now = new Date();

  beforeAll(async () => {
    database = await createTestDatabase({ label: "seed" });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  it("creates the promised accounts and catalog, and a second run changes nothing", async () => {
    await seedDemoData({ prisma, now });
    const first = await snapshot(prisma);
    await seedDemoData({ prisma, now });
    const second = await snapshot(prisma);
    expect(second).toEqual(first);

    const counts = demoCatalogCounts();
    expect(counts.seats).toBeGreaterThanOrEqual(1_000);
    expect(first.users.map((user) => [user.email, user.role])).toEqual(
      demoAccounts.map((account) => [account.email, account.role]).sort(),
    );
    expect(first.halls).toBe(counts.halls);
    // The on-sale show's hall shows aisles and sections on its seat map.
    const onSale = first.performances.find((row) => row.slug === demoPerformanceSlugs.onSale);
    expect(onSale?.hall).toMatchObject({
      aisleAfterRows: [12],
      aisleAfterColumns: [12],
      sections: [
        { name: "Stalls", fromRow: 1, toRow: 12, fromColumn: 1, toColumn: 25 },
        { name: "Balcony", fromRow: 13, toRow: 20, fromColumn: 1, toColumn: 25 },
      ],
    });
    expect(first.performances).toHaveLength(counts.performances);
    expect(first.grades).toBe(counts.grades);
    expect(first.schedules).toBe(counts.schedules);
    expect(first.seatsByStatus).toEqual([
      ["AVAILABLE", counts.seats - counts.soldSeats],
      ["SOLD", counts.soldSeats],
    ]);
    expect(first.reservations).toEqual([
      { status: "CONFIRMED", _count: { _all: counts.reservations } },
    ]);
    expect(first.payments).toBe(counts.reservations);
  });

  it("stores working bcrypt hashes of the demo passwords", async () => {
    for (const account of demoAccounts) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email: account.email } });
      expect(user.passwordHash).toMatch(/^\$2[aby]\$12\$/);
      expect(await bcrypt.compare(account.password, user.passwordHash ?? "")).toBe(true);
    }
  });

  it("has one performance on sale, one opening later and one sold out", async () => {
    const bySlug = async (slug: string) =>
      prisma.performance.findUniqueOrThrow({
        where: { slug },
        include: { schedules: { include: { seats: { select: { status: true } } } } },
      });

    const onSale = await bySlug(demoPerformanceSlugs.onSale);
    expect(onSale.bookingOpensAt.getTime()).toBeLessThan(now.getTime());
    expect(onSale.bookingClosesAt.getTime()).toBeGreaterThan(now.getTime());
    expect(onSale.schedules).toHaveLength(2);
    expect(onSale.schedules.flatMap((schedule) => schedule.seats)).toHaveLength(1_000);
    const grades = await prisma.seatGrade.findMany({ where: { performanceId: onSale.id } });
    expect(new Set(grades.map((grade) => grade.priceMinor)).size).toBe(3);

    const upcoming = await bySlug(demoPerformanceSlugs.upcoming);
    expect(upcoming.bookingOpensAt.getTime()).toBeGreaterThan(now.getTime() + 24 * 3_600_000);

    const soldOut = await bySlug(demoPerformanceSlugs.soldOut);
    expect(soldOut.bookingOpensAt.getTime()).toBeLessThan(now.getTime());
    expect(soldOut.bookingClosesAt.getTime()).toBeGreaterThan(now.getTime());
    const soldSeats = soldOut.schedules.flatMap((schedule) => schedule.seats);
    expect(soldSeats.length).toBeGreaterThan(0);
    expect(soldSeats.every((seat) => seat.status === "SOLD")).toBe(true);

    // Every sold seat is backed by a confirmed reservation whose payment covers it.
    const reservations = await prisma.reservation.findMany({
      where: { schedule: { performanceId: soldOut.id } },
      include: { seats: true, payments: true },
    });
    expect(reservations.flatMap((reservation) => reservation.seats)).toHaveLength(soldSeats.length);
    for (const reservation of reservations) {
      expect(reservation.status).toBe("CONFIRMED");
      const seatTotal = reservation.seats.reduce((sum, seat) => sum + seat.priceMinor, 0);
      expect(reservation.amountMinor).toBe(seatTotal);
      expect(reservation.payments).toEqual([
        expect.objectContaining({ status: "COMPLETED", amountMinor: seatTotal, currency: "EUR" }),
      ]);
    }
  });

  it("leaves rows that are not demo data alone", async () => {
    const hall = await prisma.hall.create({
      data: { name: "Someone else's hall", address: "Elsewhere 1", rows: 1, columns: 1 },
    });
    const user = await prisma.user.create({ data: { email: "fan@test.invalid", name: "Fan" } });
    await seedDemoData({ prisma, now });
    expect(await prisma.hall.findUnique({ where: { id: hall.id } })).not.toBeNull();
    expect(await prisma.user.findUnique({ where: { id: user.id } })).not.toBeNull();
  });
});
