import "server-only";
import { findSale } from "./find-sale";
import { pseudonymOf } from "./pseudonym-of";
import type { MyPseudonymAnswer } from "./schemas";

/** The buyer's own id in the sale's fairness record, so they can find themselves in it. */
export async function getMyPseudonym({
  slug,
  userId,
}: {
  slug: string;
  userId: string;
}): Promise<MyPseudonymAnswer> {
  const sale = await findSale({ slug });
  return { performanceId: sale.performanceId, pseudonym: pseudonymOf(sale.pseudonymKey, userId) };
}
