// @ticketping/verify: recomputes a sale's committed pre-queue shuffle from what the API
// publishes and says whether it matches (docs/fairness.md).
export { SHUFFLE_ALGORITHM, commitmentOf, seedWords, shuffleWithSeed } from "./shuffle";
export { shuffleVectors, type ShuffleVector } from "./vectors";
export {
  fetchSaleRecord,
  generalSaleRoundSchema,
  saleRecordSchema,
  type GeneralSaleRound,
  type SaleRecord,
} from "./sale-record";
export {
  checkSale,
  GENERAL_ROUND_GRACE_MS,
  type SaleVerdict,
  type SingleRound,
} from "./check-sale";
