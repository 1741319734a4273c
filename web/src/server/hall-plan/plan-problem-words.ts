import type { PlanProblem } from "./find-plan-problems";

/**
 * A plan problem in the API's words (English, like every API message); the console words
 * the same codes in the organizer's language (messages: hallPlan.problem_<code>).
 */
export function planProblemWords({ code, values }: PlanProblem): string {
  switch (code) {
    case "TOO_MANY_AISLES":
      return `Use at most ${values.max} aisles each way.`;
    case "AISLE_REPEATED":
      return `There is already an aisle after ${values.after}.`;
    case "AISLE_OUTSIDE":
      return `An aisle must lie between two rows or seats: after 1 to ${values.last}.`;
    case "TOO_MANY_SECTIONS":
      return `Use at most ${values.max} sections.`;
    case "NAME_REQUIRED":
      return "Give the section a name.";
    case "NAME_TOO_LONG":
      return `Use at most ${values.max} characters.`;
    case "NAME_TAKEN":
      return `Another section is already called ${values.name}.`;
    case "RANGE_REVERSED":
      return "The last is before the first.";
    case "SECTION_OUTSIDE":
      return `The hall has ${values.rows} rows of ${values.columns} seats.`;
    case "SECTIONS_OVERLAP":
      return `It overlaps ${values.other}: a seat can be in one section only.`;
  }
}
