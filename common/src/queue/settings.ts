import { z } from "zod";

/**
 * A performance's queue settings as the Lua scripts read them from its config hash: the
 * organizer's live values (or the service defaults) plus the sale facts they depend on.
 */
export const queueSettingsSchema = z.object({
  /** False for ids with no published performance: joins are refused as unknown. */
  known: z.boolean(),
  saleStatus: z.enum(["DRAFT", "PUBLISHED", "CLOSED"]),
  opensAt: z.number().int(),
  closesAt: z.number().int(),
  /** Working-set size: buyers allowed to book at the same time. */
  maxActive: z.number().int().min(0),
  /** Admissions per second at most; 0 pauses admission. */
  admitRate: z.number().int().min(0),
  tokenTtlMs: z.number().int().positive(),
  /** Refuse when the line reaches refuseRatio x unsold seats; 0 disables the check. */
  refuseRatio: z.number().min(0),
  /** Seats not yet sold (available or held: a hold may still lapse). */
  unsoldSeats: z.number().int().min(0),
  claimWindowMs: z.number().int().positive(),
  graceMs: z.number().int().min(0),
  /** How long before opensAt the pre-queue accepts joins. */
  preQueueLeadMs: z.number().int().min(0),
  loadedAt: z.number().int(),
  /**
   * The committed seed that shuffles the pre-queue (docs/fairness.md): 64 hex digits from
   * PostgreSQL, fixed before the first pre-queue join; empty where no sale can open.
   */
  shuffleSeed: z.string().regex(/^([0-9a-f]{64})?$/),
  /**
   * When the general sale opens after a presale, epoch ms; 0: no presale. Buyers without a
   * code wait for it in their own pre-queue, shuffled in behind the presale's buyers.
   */
  generalOpensAt: z.number().int().min(0).default(0),
  /** The second committed seed, which shuffles the general sale's pre-queue; as shuffleSeed. */
  generalShuffleSeed: z
    .string()
    .regex(/^([0-9a-f]{64})?$/)
    .default(""),
});
/** What a queue's settings are written from (a sale without a presale may leave its fields out). */
export type QueueSettings = z.input<typeof queueSettingsSchema>;

/** Field/value pairs for the config hash; booleans as "1"/"0" like the scripts expect. */
export function encodeQueueSettings(settings: QueueSettings): string[] {
  const valid = queueSettingsSchema.parse(settings);
  return Object.entries(valid).flatMap(([field, value]) => [
    field,
    typeof value === "boolean" ? (value ? "1" : "0") : String(value),
  ]);
}
