import { randomUUID } from "node:crypto";
import type { PrismaClient, SaleStatus, SeatGrade } from "./generated/client";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface TestShowOptions {
  /** The performance's name as given; its slug adds a random suffix. Default "Test Concert". */
  name?: string;
  /** Default PUBLISHED. */
  saleStatus?: SaleStatus;
  /** Default: an hour ago, so the sale is open. */
  opensAt?: Date;
  /** Default: in seven days. */
  closesAt?: Date;
  /** One schedule per time; the performance's first and last show follow. Default: in ten days. */
  showTimes?: Date[];
  /** The hall's IANA time zone; unset, the column's default (Asia/Seoul). */
  timeZone?: string;
  /** Seats per schedule, laid out in rows of `columns` (default: one row); 0 leaves it empty. */
  seats: number;
  columns?: number;
  /**
   * `single`: one grade, R at `priceMinor` (default 50.00). `vip-front-row`: VIP (180.00)
   * for row 1 and S (70.00) for every other row.
   */
  grades?: "single" | "vip-front-row";
  priceMinor?: number;
  /** The performance's currency, which its grades carry. Default EUR. */
  currency?: string;
  /** Default: the schema's (4). */
  maxSeatsPerReservation?: number;
  /** The waiting room's settings; unset or null, the queue service's defaults. */
  queue?: {
    maxActive?: number | null;
    admitRatePerSec?: number | null;
    tokenTtlSeconds?: number | null;
    refuseRatio?: number | null;
    powComplexity?: number | null;
  };
}

export interface TestSeat {
  id: string;
  row: number;
  column: number;
  gradeId: string;
  priceMinor: number;
}

export interface TestShow {
  hallId: string;
  performanceId: string;
  name: string;
  slug: string;
  /** In display order (sortOrder). */
  grades: SeatGrade[];
  /** In show-time order, each with its seats ordered by row, then column. */
  schedules: { id: string; startsAt: Date; seats: TestSeat[] }[];
}

/**
 * A hall, a performance with its grades and schedules, and every schedule's seats, all new
 * rows: by default a published performance on sale now. The one "show on sale" fixture of
 * every package's tests, the load test and the browser tests.
 */
export async function createTestShow(
  prisma: PrismaClient,
  options: TestShowOptions,
): Promise<TestShow> {
  const now = Date.now();
  const name = options.name ?? "Test Concert";
  const columns = Math.max(1, options.columns ?? options.seats);
  const rows = Math.max(1, Math.ceil(options.seats / columns));
  const showTimes = options.showTimes ?? [new Date(now + 10 * DAY_MS)];
  const queue = options.queue ?? {};
  const currency = options.currency ?? "EUR";
  const hall = await prisma.hall.create({
    data: {
      name: `Hall of ${name}`.slice(0, 200),
      address: "1 Test Street",
      rows,
      columns,
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    },
  });
  const performance = await prisma.performance.create({
    data: {
      name,
      slug: `${slugOf(name)}-${randomUUID().slice(0, 8)}`,
      runtimeMinutes: 90,
      ageRating: "ALL",
      saleStatus: options.saleStatus ?? "PUBLISHED",
      bookingOpensAt: options.opensAt ?? new Date(now - HOUR_MS),
      bookingClosesAt: options.closesAt ?? new Date(now + 7 * DAY_MS),
      firstShowAt: new Date(Math.min(...showTimes.map(Number))),
      lastShowAt: new Date(Math.max(...showTimes.map(Number))),
      ...(options.maxSeatsPerReservation === undefined
        ? {}
        : { maxSeatsPerReservation: options.maxSeatsPerReservation }),
      queueMaxActive: queue.maxActive ?? null,
      queueAdmitRatePerSec: queue.admitRatePerSec ?? null,
      queueTokenTtlSeconds: queue.tokenTtlSeconds ?? null,
      queueRefuseRatio: queue.refuseRatio ?? null,
      queuePowComplexity: queue.powComplexity ?? null,
      hallId: hall.id,
      currency,
      grades: {
        create:
          options.grades === "vip-front-row"
            ? [
                {
                  name: "VIP",
                  priceMinor: 18_000,
                  currency,
                  colour: "#B8860B",
                  sortOrder: 0,
                },
                { name: "S", priceMinor: 7_000, currency, colour: "#2E86C1", sortOrder: 1 },
              ]
            : [
                {
                  name: "R",
                  priceMinor: options.priceMinor ?? 5_000,
                  currency,
                  colour: "#C0392B",
                },
              ],
      },
      schedules: { create: showTimes.map((startsAt) => ({ startsAt })) },
    },
    include: {
      grades: { orderBy: { sortOrder: "asc" } },
      schedules: { orderBy: { startsAt: "asc" } },
    },
  });
  const [front, rest = front] = performance.grades;
  if (!front || !rest) throw new Error("test show has no grade");
  const gradeOfRow = (row: number) => (row === 1 ? front : rest);
  const schedules = [];
  for (const schedule of performance.schedules) {
    const created = await prisma.seat.createManyAndReturn({
      data: Array.from({ length: options.seats }, (_, index) => {
        const row = Math.floor(index / columns) + 1;
        return {
          scheduleId: schedule.id,
          row,
          column: (index % columns) + 1,
          gradeId: gradeOfRow(row).id,
        };
      }),
      select: { id: true, row: true, column: true, gradeId: true },
    });
    const seats = created
      .map((seat) => ({ ...seat, priceMinor: gradeOfRow(seat.row).priceMinor }))
      .sort((a, b) => a.row - b.row || a.column - b.column);
    schedules.push({ id: schedule.id, startsAt: schedule.startsAt, seats });
  }
  return {
    hallId: hall.id,
    performanceId: performance.id,
    name: performance.name,
    slug: performance.slug,
    grades: performance.grades,
    schedules,
  };
}

function slugOf(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 100) || "show"
  );
}
