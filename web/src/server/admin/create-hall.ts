import "server-only";
import { db } from "../db";
import { findPlanProblems } from "../hall-plan/find-plan-problems";
import { hallPlanSelect } from "../hall-plan/hall-plan-select";
import { NO_HALL_PLAN } from "../hall-plan/hall-plan";
import { planProblemsError } from "../hall-plan/plan-problems-error";
import { readHallPlan } from "../hall-plan/read-hall-plan";
import { toStoredPlan } from "../hall-plan/to-stored-plan";
import type { CreatedHall } from "./answers";
import type { HallCreate } from "./schemas";

/**
 * A new hall, with its aisles and sections when given. The plan is checked against the
 * size given beside it, with the rules and codes of setHallPlan; the hall and its plan are
 * one row written by one INSERT, so a refusal (here or by the database's CHECKs) leaves
 * nothing behind.
 */
export async function createHall({ input }: { input: HallCreate }): Promise<CreatedHall> {
  const { plan = NO_HALL_PLAN, ...fields } = input;
  const problems = findPlanProblems(plan, fields);
  if (problems.length > 0) throw planProblemsError(problems, { at: "plan" });
  const hall = await db().hall.create({
    data: { ...fields, ...toStoredPlan(plan) },
    select: {
      id: true,
      name: true,
      address: true,
      rows: true,
      columns: true,
      timeZone: true,
      ...hallPlanSelect,
    },
  });
  const { aisleAfterRows, aisleAfterColumns, sections, ...saved } = hall;
  return { ...saved, plan: readHallPlan({ aisleAfterRows, aisleAfterColumns, sections }) };
}
