import type { useTranslations } from "next-intl";
import { queueLimits } from "../../server/admin/limits";
import {
  findQueueSettingRule,
  type QueueSettingName,
} from "../../server/admin/queue-setting-problem";

export type QueueTranslator = ReturnType<typeof useTranslations<"organizer.queue">>;

/**
 * What is wrong with a typed setting, in the page's language (in English the same words
 * the API refuses with: queue-setting-problem.ts, checked by a test), or null.
 */
export function queueSettingProblemText(
  t: QueueTranslator,
  name: QueueSettingName,
  value: number | null,
): string | null {
  const rule = findQueueSettingRule(name, value);
  if (rule === null) return null;
  if (rule === "number") return t("rule_number");
  return t(`${rule}_${name}`, { limit: queueLimits[name][rule === "max" ? "max" : "min"] });
}
