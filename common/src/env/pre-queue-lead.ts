import { z } from "zod";
import { loadEnvOrExit } from "./index";

/**
 * QUEUE_PREQUEUE_LEAD_SECONDS: how long before a sale opens (and, after a presale, before its
 * general sale) its pre-queue takes buyers. The web app's door and pages and the queue
 * service's door and join must agree on it to the second, or a buyer let through one door
 * is refused at the other: this one module reads it for both.
 */
export const preQueueLeadEnvShape = {
  QUEUE_PREQUEUE_LEAD_SECONDS: z.coerce.number().int().min(0).default(1_800),
};

/** The pre-queue's lead in milliseconds; a bad value stops the process, naming it. */
export function loadPreQueueLeadMs(
  source: Record<string, string | undefined> = process.env,
): number {
  return loadEnvOrExit(preQueueLeadEnvShape, source).QUEUE_PREQUEUE_LEAD_SECONDS * 1_000;
}
