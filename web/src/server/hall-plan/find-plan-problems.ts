import { hallPlanLimits, type HallPlan } from "./hall-plan";

/** What can be wrong with a plan; the console words each code in the organizer's language. */
export type PlanProblemCode =
  | "TOO_MANY_AISLES"
  | "AISLE_REPEATED"
  | "AISLE_OUTSIDE"
  | "TOO_MANY_SECTIONS"
  | "NAME_REQUIRED"
  | "NAME_TOO_LONG"
  | "NAME_TAKEN"
  | "RANGE_REVERSED"
  | "SECTION_OUTSIDE"
  | "SECTIONS_OVERLAP";

export interface PlanProblem {
  /** The field, as the API names it: "aisleAfterRows.1", "sections.0.toRow", ... */
  path: string;
  code: PlanProblemCode;
  /** What the words need: the hall's size, the other section's name. */
  values: Record<string, string | number>;
}

/**
 * Every problem of a plan, in field order. Without `hall` (the API's first check, before
 * the hall is read) nothing is compared with the hall's size; with it, everything is.
 * Whole numbers from 1 are the caller's to ensure (the API's schema, the editor's inputs).
 */
export function findPlanProblems(
  plan: HallPlan,
  hall?: { rows: number; columns: number },
): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const add = (path: string, code: PlanProblemCode, values: PlanProblem["values"] = {}) => {
    problems.push({ path, code, values });
  };

  const aisles = [
    ["aisleAfterRows", plan.aisleAfterRows, hall?.rows],
    ["aisleAfterColumns", plan.aisleAfterColumns, hall?.columns],
  ] as const;
  for (const [field, list, size] of aisles) {
    if (list.length > hallPlanLimits.aisles) {
      add(field, "TOO_MANY_AISLES", { max: hallPlanLimits.aisles });
    }
    list.forEach((after, index) => {
      if (list.indexOf(after) !== index) add(`${field}.${index}`, "AISLE_REPEATED", { after });
      // An aisle after the last row or column would lie outside the seats.
      else if (size !== undefined && after >= size) {
        add(`${field}.${index}`, "AISLE_OUTSIDE", { after, last: size - 1 });
      }
    });
  }

  if (plan.sections.length > hallPlanLimits.sections) {
    add("sections", "TOO_MANY_SECTIONS", { max: hallPlanLimits.sections });
  }
  const seen = new Map<string, number>();
  plan.sections.forEach((section, index) => {
    const at = `sections.${index}`;
    const name = section.name.trim();
    if (name.length < hallPlanLimits.sectionName.min) add(`${at}.name`, "NAME_REQUIRED");
    else if (name.length > hallPlanLimits.sectionName.max) {
      add(`${at}.name`, "NAME_TOO_LONG", { max: hallPlanLimits.sectionName.max });
    } else if (seen.has(name.toLowerCase())) add(`${at}.name`, "NAME_TAKEN", { name });
    else seen.set(name.toLowerCase(), index);

    if (section.fromRow > section.toRow) add(`${at}.toRow`, "RANGE_REVERSED");
    if (section.fromColumn > section.toColumn) add(`${at}.toColumn`, "RANGE_REVERSED");
    if (hall && section.toRow > hall.rows) {
      add(`${at}.toRow`, "SECTION_OUTSIDE", { rows: hall.rows, columns: hall.columns });
    }
    if (hall && section.toColumn > hall.columns) {
      add(`${at}.toColumn`, "SECTION_OUTSIDE", { rows: hall.rows, columns: hall.columns });
    }
    const overlapped = plan.sections.findIndex(
      (other, before) =>
        before < index &&
        other.fromRow <= section.toRow &&
        section.fromRow <= other.toRow &&
        other.fromColumn <= section.toColumn &&
        section.fromColumn <= other.toColumn,
    );
    const other = plan.sections[overlapped];
    if (other) add(`${at}.name`, "SECTIONS_OVERLAP", { other: other.name.trim() });
  });
  return problems;
}
