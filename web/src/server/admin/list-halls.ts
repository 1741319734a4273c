import "server-only";
import { db } from "../db";

export interface AdminHall {
  id: string;
  name: string;
  address: string;
  rows: number;
  columns: number;
  performanceCount: number;
}

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
