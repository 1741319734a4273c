import { z } from "zod";
import { hallLimits } from "../admin/limits";
import { text } from "../http/text";
import { findPlanProblems } from "./find-plan-problems";
import { hallPlanLimits, type HallPlan } from "./hall-plan";
import { planProblemWords } from "./plan-problem-words";

const WHOLE_CHARACTERS = /^(?:[^\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

const place = (max: number, what: string) =>
  z
    .int({ error: "Use a whole number." })
    .min(1, `${what} count from 1.`)
    .max(max, `At most ${max}.`);
const row = place(hallLimits.rows.max, "Rows");
const column = place(hallLimits.columns.max, "Seats");

export const hallSectionSchema = z.strictObject({
  name: text()
    .trim()
    .min(hallPlanLimits.sectionName.min, "Give the section a name.")
    .max(
      hallPlanLimits.sectionName.max,
      `Use at most ${hallPlanLimits.sectionName.max} characters.`,
    )
    // Half a UTF-16 pair is text JavaScript keeps but PostgreSQL's jsonb refuses (a 500).
    // A refinement, not a pattern: the OpenAPI document's readers need not parse it.
    .refine((name) => WHOLE_CHARACTERS.test(name), "The name holds a broken character.")
    .describe("Shown above the section on the seat map; unique in the hall (any case)."),
  fromRow: row.describe("First row, 1-based from the stage."),
  toRow: row.describe("Last row, inclusive."),
  fromColumn: column.describe("First seat of each row."),
  toColumn: column.describe("Last seat of each row, inclusive."),
});

const aisles = (what: string, each: z.ZodInt) =>
  z
    .array(each)
    .max(hallPlanLimits.aisles, `Use at most ${hallPlanLimits.aisles} aisles each way.`)
    .describe(`A gap after each of these ${what}; numbers stay the hall's own.`);

/** The shape of a plan as the API answers it (and the seat map's layout carries it). */
export const hallPlanAnswerSchema = z.strictObject({
  aisleAfterRows: aisles("rows", row),
  aisleAfterColumns: aisles("seats of every row", column),
  sections: z.array(hallSectionSchema).max(hallPlanLimits.sections),
});

/**
 * A whole plan, replacing the hall's. Everything but the hall's own size is checked here
 * (overlaps, repeats, names); setHallPlan compares it with the hall under its row lock.
 */
export const hallPlanSchema = hallPlanAnswerSchema
  .extend({
    sections: z
      .array(hallSectionSchema)
      .max(hallPlanLimits.sections, `Use at most ${hallPlanLimits.sections} sections.`)
      .describe("Named blocks of seats; they must not overlap."),
  })
  .superRefine((plan: HallPlan, context) => {
    for (const problem of findPlanProblems(plan)) {
      context.addIssue({
        code: "custom",
        path: problem.path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        message: planProblemWords(problem),
        params: { code: problem.code },
      });
    }
  });
