import { hallPlanAnswerSchema } from "./schemas";
import type { HallPlan } from "./hall-plan";

/** A hall row's plan columns as the plan they store (checked when they were written). */
export function readHallPlan(hall: {
  aisleAfterRows: number[];
  aisleAfterColumns: number[];
  sections: unknown;
}): HallPlan {
  return hallPlanAnswerSchema.parse({
    aisleAfterRows: hall.aisleAfterRows,
    aisleAfterColumns: hall.aisleAfterColumns,
    sections: hall.sections,
  });
}
