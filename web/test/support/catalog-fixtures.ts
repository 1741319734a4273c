import { randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { PrismaClient, Role, SaleStatus } from "@ticketping/db";

const HOUR = 3_600_000;

/** A unique documentation-range-like address, so a test file has its own rate limits. */
export function testIp(): string {
  const [a = 0, b = 0, c = 0] = randomBytes(3);
  return `10.${a}.${b}.${c}`;
}

/** Unique per run: Redis (rate limits by email) outlives the throwaway databases. */
export function uniqueEmail(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}@test.invalid`;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
}

export async function createUser(
  prisma: PrismaClient,
  { label, role = "USER" }: { label: string; role?: Role },
): Promise<TestUser> {
  const email = uniqueEmail(label);
  const password = `${label}-password-123`;
  // Cost 4: the tests exercise sign-in, not bcrypt's slowness.
  const user = await prisma.user.create({
    data: { email, name: label, role, passwordHash: await bcrypt.hash(password, 4) },
  });
  return { id: user.id, email, password };
}

export interface SeededPerformance {
  id: string;
  slug: string;
  name: string;
  scheduleIds: string[];
  gradeId: string;
  seatIds: string[][];
}

/** A performance with one grade and a small hall's seats per schedule. */
export async function seedPerformance(
  prisma: PrismaClient,
  options: {
    name: string;
    saleStatus?: SaleStatus;
    opensInHours: number;
    closesInHours?: number;
    /** Show times, in hours from now. */
    showsInHours: number[];
    rows?: number;
    columns?: number;
  },
): Promise<SeededPerformance> {
  const now = Date.now();
  const rows = options.rows ?? 2;
  const columns = options.columns ?? 3;
  const hall = await prisma.hall.create({
    data: { name: `Hall ${options.name}`, address: "1 Test Street", rows, columns },
  });
  const shows = options.showsInHours.map((hours) => new Date(now + hours * HOUR));
  const performance = await prisma.performance.create({
    data: {
      name: options.name,
      slug: `${options.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomUUID().slice(0, 6)}`,
      runtimeMinutes: 100,
      ageRating: "ALL",
      saleStatus: options.saleStatus ?? "PUBLISHED",
      bookingOpensAt: new Date(now + options.opensInHours * HOUR),
      bookingClosesAt: new Date(now + (options.closesInHours ?? 24 * 60) * HOUR),
      firstShowAt: new Date(Math.min(...shows.map(Number))),
      lastShowAt: new Date(Math.max(...shows.map(Number))),
      hallId: hall.id,
      grades: { create: { name: "R", priceMinor: 5_000, currency: "EUR", colour: "#C0392B" } },
      schedules: { create: shows.map((startsAt) => ({ startsAt })) },
    },
    include: { grades: true, schedules: { orderBy: { startsAt: "asc" } } },
  });
  const [grade] = performance.grades;
  if (!grade) throw new Error("fixture incomplete");
  const seatIds: string[][] = [];
  for (const schedule of performance.schedules) {
    await prisma.seat.createMany({
      data: Array.from({ length: rows * columns }, (_, index) => ({
        scheduleId: schedule.id,
        row: Math.floor(index / columns) + 1,
        column: (index % columns) + 1,
        gradeId: grade.id,
      })),
    });
    const seats = await prisma.seat.findMany({
      where: { scheduleId: schedule.id },
      orderBy: [{ row: "asc" }, { column: "asc" }],
      select: { id: true },
    });
    seatIds.push(seats.map((seat) => seat.id));
  }
  return {
    id: performance.id,
    slug: performance.slug,
    name: performance.name,
    scheduleIds: performance.schedules.map((schedule) => schedule.id),
    gradeId: grade.id,
    seatIds,
  };
}
