import "server-only";
import { db } from "../db";
import type { AdminHall } from "./answers";

export async function listHalls(): Promise<AdminHall[]> {
  const halls = await db().hall.findMany({
    orderBy: { name: "asc" },
    include: { _count: { select: { performances: true } } },
  });
  return halls.map((hall) => ({
    id: hall.id,
    name: hall.name,
    address: hall.address,
    rows: hall.rows,
    columns: hall.columns,
    timeZone: hall.timeZone,
    performanceCount: hall._count.performances,
  }));
}
