import { z } from "zod";
import { hallPlanAnswerSchema } from "./schemas";

/** GET and PUT /api/admin/halls/:id/plan answer the hall's size beside its plan. */
export const hallWithPlanSchema = z.strictObject({
  id: z.uuid(),
  rows: z.int(),
  columns: z.int(),
  plan: hallPlanAnswerSchema,
});
export type HallWithPlan = z.infer<typeof hallWithPlanSchema>;
