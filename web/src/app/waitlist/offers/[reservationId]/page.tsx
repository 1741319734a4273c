import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { formatShowTime } from "@ticketping/common/format";
import { formatMoney } from "@/components/format";
import { OfferActions } from "@/components/waitlist/offer-actions";
import { getSessionUser } from "@/server/auth/session";
import { getWaitlistOffer } from "@/server/waitlist/get-waitlist-offer";

export const metadata: Metadata = { title: "Your waitlist offer" };

/** The page a waitlist offer's mail and My tickets link to: take the seats, or decline. */
export default async function WaitlistOfferPage({
  params,
}: {
  params: Promise<{ reservationId: string }>;
}) {
  await connection();
  const { reservationId } = await params;
  const user = await getSessionUser();
  if (!user) {
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/waitlist/offers/${reservationId}`)}`);
  }
  if (!z.uuid().safeParse(reservationId).success) notFound();
  const offer = await getWaitlistOffer({ userId: user.id, reservationId }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    },
  );
  const { open } = offer;

  return (
    <section
      aria-labelledby="offer-heading"
      className="flex flex-col gap-4"
      data-testid="waitlist-offer"
    >
      <h1 id="offer-heading" className="text-2xl font-bold tracking-tight">
        Seats for {offer.performanceName}
      </h1>
      <p>{formatShowTime(new Date(offer.startsAt), offer.hallTimeZone)}</p>
      <ul className="text-sm">
        {offer.seats.map((seat) => (
          <li key={`${seat.row}-${seat.column}`}>
            Row {seat.row}, seat {seat.column} ({seat.grade})
          </li>
        ))}
      </ul>
      <p className="font-semibold">{formatMoney(offer.amountMinor, offer.currency)}</p>
      {offer.accepted && open ? (
        <Link
          href={`/checkout/${offer.reservationId}`}
          className="font-semibold text-brand-700 hover:underline"
        >
          Pay for your seats
        </Link>
      ) : open ? (
        <>
          <p className="text-sm">
            Held for you until {formatShowTime(new Date(offer.expiresAt), offer.hallTimeZone)}, then
            they go to the next buyer in line.
          </p>
          <OfferActions reservationId={offer.reservationId} />
        </>
      ) : (
        <p className="text-sm">This offer has ended.</p>
      )}
    </section>
  );
}
