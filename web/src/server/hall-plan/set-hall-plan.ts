import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { invalidateLiveCaches } from "../admin/invalidate-live-caches";
import { listScheduleIds } from "../admin/list-schedule-ids";
import { findPlanProblems } from "./find-plan-problems";
import type { HallWithPlan } from "./answers";
import type { HallPlan } from "./hall-plan";
import { planProblemsError } from "./plan-problems-error";
import { toStoredPlan } from "./to-stored-plan";

/**
 * Replaces a hall's aisles and sections. They move no seat, so they may change while
 * shows are on sale: the seat maps of the hall's shows are rebuilt to draw them.
 * The hall's row lock keeps a resize from slipping between the check and the write.
 */
export async function setHallPlan({
  id,
  plan,
}: {
  id: string;
  plan: HallPlan;
}): Promise<HallWithPlan> {
  const { saved, scheduleIds } = await db().$transaction(async (tx) => {
    const [hall] = await tx.$queryRaw<{ rows: number; columns: number }[]>`
      SELECT row_count AS "rows", column_count AS "columns"
        FROM halls WHERE id = ${id}::uuid FOR UPDATE`;
    if (!hall) throw new AppError("NOT_FOUND", `no hall ${id}`);
    const problems = findPlanProblems(plan, hall);
    if (problems.length > 0) throw planProblemsError(problems);
    const sorted = toStoredPlan(plan);
    await tx.hall.update({ where: { id }, data: sorted });
    return {
      saved: { id, rows: hall.rows, columns: hall.columns, plan: sorted },
      scheduleIds: await listScheduleIds({ tx, where: { performance: { hallId: id } } }),
    };
  });
  await invalidateLiveCaches({ scheduleIds });
  return saved;
}
