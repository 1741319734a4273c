import { z } from "zod";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** One committed shuffle: its commitment always, the rest once it has run. */
const shuffleRoundShape = {
  commitment: hex64,
  shuffledAt: z.string().nullable(),
  seed: hex64.nullable(),
  entrants: z.array(z.string()).nullable(),
  lineOrder: z.array(z.string()).nullable(),
};

/** The general sale's own round after a presale (its pre-queue of buyers without a code). */
export const generalSaleRoundSchema = z.object({
  opensAt: z.string(),
  ...shuffleRoundShape,
  /**
   * Set when the round never ran because the sale closed at `closedAt`, after the instant
   * but before the queue reached the round (absent from older servers).
   */
  notRun: z
    .object({ reason: z.literal("SALE_CLOSED"), closedAt: z.string() })
    .nullable()
    .optional(),
});
export type GeneralSaleRound = z.infer<typeof generalSaleRoundSchema>;

/** What `GET /api/performances/{slug}/fairness` answers in `data.fairness` (web/README.md). */
export const saleRecordSchema = z.object({
  performanceId: z.string(),
  algorithm: z.string(),
  ...shuffleRoundShape,
  /** The general sale's commitment, published for every sale (absent from older servers). */
  generalCommitment: hex64.optional(),
  /** Null (or absent, from a server before it existed): the sale has no general round. */
  generalSale: generalSaleRoundSchema.nullable().optional(),
});
export type SaleRecord = z.infer<typeof saleRecordSchema>;

/** Fetches a sale's fairness record from a Ticketping web app. */
export async function fetchSaleRecord(options: {
  baseUrl: string;
  /** The performance's id or slug. */
  performance: string;
}): Promise<SaleRecord> {
  const url = new URL(
    `api/performances/${encodeURIComponent(options.performance)}/fairness`,
    options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`,
  );
  const response = await fetch(url, { headers: { accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`${url.href} answered ${response.status}: ${await response.text()}`);
  }
  return z.object({ data: z.object({ fairness: saleRecordSchema }) }).parse(await response.json())
    .data.fairness;
}
