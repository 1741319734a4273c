import "server-only";
import { db } from "../db";
import { offerSelect, offerView } from "./offer-view";
import type { WaitlistOffer } from "./schemas";

/** The buyer's open waitlist offers (not yet accepted), soonest to lapse first. */
export async function listMyWaitlistOffers({
  userId,
  now = new Date(),
}: {
  userId: string;
  now?: Date;
}): Promise<WaitlistOffer[]> {
  const reservations = await db().reservation.findMany({
    where: {
      userId,
      status: "PENDING",
      waitlistEntryId: { not: null },
      offerAcceptedAt: null,
      holdExpiresAt: { gt: now },
    },
    select: offerSelect,
    orderBy: { holdExpiresAt: "asc" },
    take: 20,
  });
  return reservations.map((reservation) => offerView(reservation, now));
}
