// What is wrong with a waiting-room setting, in the organizer's words. No zod: the console's
// form checks its fields with it before sending, and the API's schema refuses with the same
// words, so the form says the same thing whichever of the two catches a value.
import { queueLimits } from "./limits";

export type QueueSettingName = keyof typeof queueLimits;

/** The unit each setting counts, singular and plural; null for a bare number. */
const units: Record<QueueSettingName, readonly [string, string] | null> = {
  maxActive: ["buyer", "buyers"],
  admitRatePerSec: ["admission a second", "admissions a second"],
  tokenTtlSeconds: ["second", "seconds"],
  refuseRatio: ["times the seats left", "times the seats left"],
  powComplexity: null,
};

/** Settings that take a fraction; the others count whole things. */
const fractional: ReadonlySet<QueueSettingName> = new Set(["refuseRatio"]);

function amount(name: QueueSettingName, value: number): string {
  const unit = units[name];
  const figure = value.toLocaleString("en-GB");
  return unit ? `${figure} ${value === 1 ? unit[0] : unit[1]}` : figure;
}

/** "At least 1 buyer.", "At most 100,000 buyers.", "A whole number of seconds." */
export function queueSettingWords(name: QueueSettingName, rule: "min" | "max" | "whole"): string {
  if (rule === "whole") return `A whole number${units[name] ? ` of ${units[name][1]}` : ""}.`;
  return `${rule === "min" ? "At least" : "At most"} ${amount(name, queueLimits[name][rule])}.`;
}

/** Which rule a value typed into the form breaks (null: left empty, the default), or null. */
export function findQueueSettingRule(
  name: QueueSettingName,
  value: number | null,
): "number" | "whole" | "min" | "max" | null {
  if (value === null) return null;
  if (!Number.isFinite(value)) return "number";
  if (!fractional.has(name) && !Number.isInteger(value)) return "whole";
  if (value < queueLimits[name].min) return "min";
  if (value > queueLimits[name].max) return "max";
  return null;
}

/** The problem with a value typed into the form, in English (the API's words), or null. */
export function findQueueSettingProblem(
  name: QueueSettingName,
  value: number | null,
): string | null {
  const rule = findQueueSettingRule(name, value);
  if (rule === "number") return "Enter a number, or leave it empty for the default.";
  return rule ? queueSettingWords(name, rule) : null;
}
