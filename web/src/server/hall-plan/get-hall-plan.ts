import "server-only";
import { db } from "../db";
import type { HallWithPlan } from "./answers";
import { hallPlanSelect } from "./hall-plan-select";
import { readHallPlan } from "./read-hall-plan";

/** A hall's size with its aisles and sections; null for an unknown hall. */
export async function getHallPlan({ id }: { id: string }): Promise<HallWithPlan | null> {
  const hall = await db().hall.findUnique({
    where: { id },
    select: { id: true, rows: true, columns: true, ...hallPlanSelect },
  });
  return hall && { id: hall.id, rows: hall.rows, columns: hall.columns, plan: readHallPlan(hall) };
}
