import "server-only";
import { db } from "../db";
import type { AdminHall } from "./answers";

export async function listHalls(): Promise<AdminHall[]> {
  const halls = await db().hall.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { performances: true } } },
  });
  return halls.map(({ _count, createdAt: _c, updatedAt: _u, ...hall }) => ({
    ...hall,
    performanceCount: _count.performances,
  }));
}
