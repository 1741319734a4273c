import { randomBytes, randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { PrismaClient, Role, SaleStatus } from "@ticketping/db";
import { createTestShow } from "@ticketping/db/testing";

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
  {
    label,
    role = "USER",
    verified = true,
  }: {
    label: string;
    role?: Role;
    /** Whether the address counts as confirmed (joining a line needs it). */
    verified?: boolean;
  },
): Promise<TestUser> {
  const email = uniqueEmail(label);
  const password = `${label}-password-123`;
  // Cost 4: the tests exercise sign-in, not bcrypt's slowness.
  const user = await prisma.user.create({
    data: {
      email,
      name: label,
      role,
      passwordHash: await bcrypt.hash(password, 4),
      emailVerifiedAt: verified ? new Date() : null,
    },
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
  const columns = options.columns ?? 3;
  const show = await createTestShow(prisma, {
    name: options.name,
    saleStatus: options.saleStatus,
    opensAt: new Date(now + options.opensInHours * HOUR),
    closesAt: new Date(now + (options.closesInHours ?? 24 * 60) * HOUR),
    showTimes: options.showsInHours.map((hours) => new Date(now + hours * HOUR)),
    seats: (options.rows ?? 2) * columns,
    columns,
  });
  const [grade] = show.grades;
  if (!grade) throw new Error("fixture incomplete");
  return {
    id: show.performanceId,
    slug: show.slug,
    name: show.name,
    scheduleIds: show.schedules.map((schedule) => schedule.id),
    gradeId: grade.id,
    seatIds: show.schedules.map((schedule) => schedule.seats.map((seat) => seat.id)),
  };
}
