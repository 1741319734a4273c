import type { Prisma } from "./generated/client";

/** A seat as tickets, PDFs and mails name it. */
export const seatLabelSelect = {
  row: true,
  column: true,
  grade: { select: { name: true } },
} satisfies Prisma.SeatSelect;

/** What tickets, PDFs, calendar files and mails say about a schedule's show. */
export const showOfScheduleSelect = {
  startsAt: true,
  performance: {
    select: {
      name: true,
      slug: true,
      runtimeMinutes: true,
      hall: { select: { name: true, address: true, timeZone: true } },
    },
  },
} satisfies Prisma.ScheduleSelect;

export interface ShowOfSchedule {
  performanceName: string;
  slug: string;
  runtimeMinutes: number;
  hallName: string;
  hallAddress: string;
  /** The venue's IANA zone: show times are given on the venue's clock. */
  timeZone: string;
  startsAt: Date;
}

export function showOfSchedule(
  schedule: Prisma.ScheduleGetPayload<{ select: typeof showOfScheduleSelect }>,
): ShowOfSchedule {
  const { performance } = schedule;
  return {
    performanceName: performance.name,
    slug: performance.slug,
    runtimeMinutes: performance.runtimeMinutes,
    hallName: performance.hall.name,
    hallAddress: performance.hall.address,
    timeZone: performance.hall.timeZone,
    startsAt: schedule.startsAt,
  };
}
