import "server-only";
import type { Prisma, TransactionClient } from "@ticketping/db";

/** The shows whose seat maps an edit touches, read in the edit's own transaction. */
export async function listScheduleIds({
  tx,
  where,
}: {
  tx: TransactionClient;
  where: Prisma.ScheduleWhereInput;
}): Promise<string[]> {
  const schedules = await tx.schedule.findMany({ where, select: { id: true } });
  return schedules.map((schedule) => schedule.id);
}
