import { z } from "zod";
import { dateTime } from "../http/date-time";

// The public record of a sale's committed shuffle (docs/fairness.md).

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const pseudonym = z.string().regex(/^[0-9a-f]{16}$/);

/** On every published performance from the moment it can be joined. */
export const fairnessCommitmentSchema = z.strictObject({
  algorithm: z.literal("ticketping-shuffle-v1").describe("How the pre-queue is shuffled."),
  commitment: hex64.describe(
    "SHA-256 (hex) of the shuffle seed's 64 hex digits: fixed before the first pre-queue join, never changes.",
  ),
});
export type FairnessCommitment = z.infer<typeof fairnessCommitmentSchema>;

const generalCommitment = hex64.describe(
  "SHA-256 (hex) of the general sale's own seed, which shuffles the pre-queue of buyers without a presale code after a presale: published for every sale, presale or not, and never changes.",
);

/** A performance's commitments: the opening's, and the general sale's after a presale. */
export const performanceFairnessSchema = fairnessCommitmentSchema.extend({ generalCommitment });
export type PerformanceFairness = z.infer<typeof performanceFairnessSchema>;

const revealedRound = {
  shuffledAt: dateTime
    .nullable()
    .describe("When the pre-queue was shuffled into the line; null before the opening."),
  seed: hex64.nullable().describe("The shuffle seed; null until the shuffle has run."),
  entrants: z
    .array(pseudonym)
    .nullable()
    .describe("The pre-queue at the opening in join order, as pseudonymous ids; null before."),
  lineOrder: z
    .array(pseudonym)
    .nullable()
    .describe(
      "The same ids in the order the shuffle put them in the line, which is the order they were admitted in; null before.",
    ),
};

/** The general sale's own committed shuffle after a presale (docs/fairness.md). */
export const generalSaleFairnessSchema = z
  .strictObject({
    opensAt: dateTime.describe(
      "When the general sale opens (its pre-queue is shuffled); once its round ran, the moment it ran, whatever the organizer changes later.",
    ),
    commitment: hex64.describe(
      "SHA-256 (hex) of the general sale's own seed, fixed with the first: never changes.",
    ),
    ...revealedRound,
    notRun: z
      .strictObject({
        reason: z.literal("SALE_CLOSED"),
        closedAt: dateTime.describe("When the sale closed, after the general sale's instant."),
      })
      .nullable()
      .describe(
        "Set when this round never ran because the sale closed after its instant, before the queue reached it; the verifier accepts it only when the close came within 5 minutes of the instant. Null otherwise.",
      ),
  })
  .describe(
    "The second round of a sale with a presale: buyers without a code who joined in the lead window before the general sale, shuffled behind the presale's buyers; each field as the opening's.",
  );
export type GeneralSaleFairness = z.infer<typeof generalSaleFairnessSchema>;

export const saleFairnessSchema = z.strictObject({
  performanceId: z.uuid(),
  ...fairnessCommitmentSchema.shape,
  ...revealedRound,
  generalCommitment,
  generalSale: generalSaleFairnessSchema
    .nullable()
    .describe(
      "The general sale's round after a presale: kept once it ran, whatever the organizer changes later; before that, present while a presale is set; null otherwise.",
    ),
});
export type SaleFairness = z.infer<typeof saleFairnessSchema>;

export const saleFairnessAnswerSchema = z.strictObject({ fairness: saleFairnessSchema });

export const myPseudonymAnswerSchema = z.strictObject({
  performanceId: z.uuid(),
  pseudonym: pseudonym.describe("The signed-in buyer's id in this sale's fairness record."),
});
export type MyPseudonymAnswer = z.infer<typeof myPseudonymAnswerSchema>;

/** A performance by its slug or its id (the verifier may know either). */
export const fairnessParamsSchema = z.object({
  slug: z.union([z.uuid(), z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)]),
});
