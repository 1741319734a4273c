import { z } from "zod";
import { maxSeatsPerReservationLimits } from "../admin/limits";
import { text } from "../http/text";
import { presaleCodeLimits } from "./limits";

const seatCap = z
  .int()
  .min(maxSeatsPerReservationLimits.min)
  .max(maxSeatsPerReservationLimits.max)
  .nullable()
  .default(null)
  .describe("Most seats one admission with this code may hold; null: the performance's limit.");
const label = text().trim().max(100).default("").describe("The organizer's own note.");

/** POST /api/admin/performances/:id/presale-codes */
export const presaleCodesCreateSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("SINGLE").describe("A list of generated codes, one use each."),
    count: z.int().min(1).max(presaleCodeLimits.count.max),
    seatCap,
    label,
  }),
  z.strictObject({
    kind: z.literal("SHARED").describe("One generated code that many holders use."),
    useLimit: z.int().min(1).max(presaleCodeLimits.useLimit.max),
    seatCap,
    label,
  }),
]);
export type PresaleCodesCreateInput = z.infer<typeof presaleCodesCreateSchema>;

export const presaleCodeViewSchema = z.strictObject({
  id: z.uuid(),
  kind: z.enum(["SINGLE", "SHARED"]),
  hint: z.string().describe("The code's last four characters."),
  label: z.string(),
  uses: z.int().describe("Admissions that spent a use and kept it (not given back)."),
  useLimit: z.int(),
  seatCap: z.int().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type PresaleCodeView = z.infer<typeof presaleCodeViewSchema>;

export const createdPresaleCodesSchema = z.strictObject({
  codes: z
    .array(presaleCodeViewSchema.extend({ code: z.string().describe("Shown this once only.") }))
    .describe("The new codes in full: only their hashes are kept, so save or export them now."),
});
export type CreatedPresaleCodes = z.infer<typeof createdPresaleCodesSchema>;

export const presaleCodeListSchema = z.strictObject({ codes: z.array(presaleCodeViewSchema) });

export const presaleCodeParamsSchema = z.object({ id: z.uuid() });
