import "server-only";
import { db } from "../db";
import type { AdminHall } from "./answers";

export async function getHall({ id }: { id: string }): Promise<AdminHall | null> {
  const hall = await db().hall.findUnique({
    where: { id },
    include: { _count: { select: { performances: true } } },
  });
  if (!hall) return null;
  return {
    id: hall.id,
    name: hall.name,
    address: hall.address,
    rows: hall.rows,
    columns: hall.columns,
    timeZone: hall.timeZone,
    performanceCount: hall._count.performances,
  };
}
