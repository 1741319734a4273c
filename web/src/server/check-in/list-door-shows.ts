import "server-only";
import { db } from "../db";

export interface DoorShow {
  scheduleId: string;
  performanceName: string;
  hallName: string;
  startsAt: Date;
}

// Doors open before a show and latecomers arrive during it: a show stays at the door for
// half a day after it began.
const STILL_AT_THE_DOOR_MS = 12 * 3_600_000;

/** The shows a door may be checking in now or soon, soonest first; or the one asked for. */
export async function listDoorShows({
  scheduleId,
  now = new Date(),
}: { scheduleId?: string; now?: Date } = {}): Promise<DoorShow[]> {
  const schedules = await db().schedule.findMany({
    where: {
      ...(scheduleId ? { id: scheduleId } : {}),
      startsAt: { gte: new Date(now.getTime() - STILL_AT_THE_DOOR_MS) },
      performance: { saleStatus: { not: "DRAFT" } },
    },
    orderBy: { startsAt: "asc" },
    take: 50,
    select: {
      id: true,
      startsAt: true,
      performance: { select: { name: true, hall: { select: { name: true } } } },
    },
  });
  return schedules.map((schedule) => ({
    scheduleId: schedule.id,
    performanceName: schedule.performance.name,
    hallName: schedule.performance.hall.name,
    startsAt: schedule.startsAt,
  }));
}
