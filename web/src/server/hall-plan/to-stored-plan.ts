import type { HallPlan } from "./hall-plan";

/**
 * A checked plan as the hall's columns keep it: aisles in order, names trimmed, sections
 * as plain objects (what a JSON column takes).
 */
export function toStoredPlan(plan: HallPlan) {
  return {
    aisleAfterRows: [...plan.aisleAfterRows].sort((a, b) => a - b),
    aisleAfterColumns: [...plan.aisleAfterColumns].sort((a, b) => a - b),
    sections: plan.sections.map(({ name, fromRow, toRow, fromColumn, toColumn }) => ({
      name: name.trim(),
      fromRow,
      toRow,
      fromColumn,
      toColumn,
    })),
  };
}
