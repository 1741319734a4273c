import "server-only";
import { db } from "../db";
import type { AdminHall } from "./answers";

export async function listHalls(): Promise<AdminHall[]> {
  const halls = await db().hall.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { performances: true } } },
  });
  // The venue's time zone is not part of the organizer's hall answer yet (no API sets it).
  return halls.map(({ _count, createdAt: _c, updatedAt: _u, timeZone: _z, ...hall }) => ({
    ...hall,
    performanceCount: _count.performances,
  }));
}
