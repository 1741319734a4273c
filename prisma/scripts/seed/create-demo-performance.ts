import type { TransactionClient } from "../../src/index";
import {
  demoCurrency,
  demoPosterUrl,
  type DemoGrade,
  type DemoPerformance,
} from "../../src/demo/catalog";
import { hoursBefore, hoursFromNow, showStart } from "./show-times";

export interface CreatedSchedule {
  id: string;
  seats: { id: string; priceMinor: number }[];
}

function gradeOfRow(grades: readonly DemoGrade[], row: number, slug: string): DemoGrade {
  const grade = grades.find((candidate) => row >= candidate.firstRow && row <= candidate.lastRow);
  if (!grade) throw new Error(`Demo performance ${slug}: row ${row} has no seat grade`);
  return grade;
}

/** One performance with its grades, schedules and every seat (AVAILABLE). */
export async function createDemoPerformance(
  tx: TransactionClient,
  {
    performance,
    hallId,
    hall,
    now,
  }: {
    performance: DemoPerformance;
    hallId: string;
    hall: { rows: number; columns: number };
    now: Date;
  },
): Promise<CreatedSchedule[]> {
  const showTimes = performance.showDays.map((days) => showStart(now, days));
  const firstShowAt = showTimes[0];
  const lastShowAt = showTimes.at(-1);
  if (!firstShowAt || !lastShowAt)
    throw new Error(`Demo performance ${performance.slug} has no shows`);

  const created = await tx.performance.create({
    data: {
      slug: performance.slug,
      name: performance.name,
      description: performance.description,
      posterUrl: demoPosterUrl(performance.slug),
      runtimeMinutes: performance.runtimeMinutes,
      ageRating: performance.ageRating,
      bookingOpensAt: hoursFromNow(now, performance.bookingOpensInHours),
      // Sales stop an hour before the last show starts.
      bookingClosesAt: hoursBefore(lastShowAt, 1),
      firstShowAt,
      lastShowAt,
      saleStatus: "PUBLISHED",
      maxSeatsPerReservation: 4,
      hallId,
      currency: demoCurrency,
      grades: {
        create: performance.grades.map((grade, index) => ({
          name: grade.name,
          priceMinor: grade.priceMinor,
          currency: demoCurrency,
          colour: grade.colour,
          sortOrder: index,
        })),
      },
      schedules: { create: showTimes.map((startsAt) => ({ startsAt })) },
    },
    select: {
      grades: { select: { id: true, name: true, priceMinor: true } },
      schedules: { select: { id: true }, orderBy: { startsAt: "asc" } },
    },
  });

  const gradeIds = new Map(created.grades.map((grade) => [grade.name, grade]));
  const schedules: CreatedSchedule[] = [];
  for (const schedule of created.schedules) {
    const seats = [];
    for (let row = 1; row <= hall.rows; row += 1) {
      const grade = gradeIds.get(gradeOfRow(performance.grades, row, performance.slug).name);
      if (!grade) throw new Error(`Grade missing for row ${row} of ${performance.slug}`);
      for (let column = 1; column <= hall.columns; column += 1) {
        seats.push({
          scheduleId: schedule.id,
          row,
          column,
          gradeId: grade.id,
          priceMinor: grade.priceMinor,
        });
      }
    }
    const inserted = await tx.seat.createManyAndReturn({
      data: seats.map(({ priceMinor: _price, ...seat }) => seat),
      select: { id: true, row: true, column: true },
    });
    const priceOf = new Map(seats.map((seat) => [`${seat.row}:${seat.column}`, seat.priceMinor]));
    schedules.push({
      id: schedule.id,
      seats: inserted.map((seat) => ({
        id: seat.id,
        priceMinor: priceOf.get(`${seat.row}:${seat.column}`) ?? 0,
      })),
    });
  }
  return schedules;
}
