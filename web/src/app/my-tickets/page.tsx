import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { SignOutEverywhereButton } from "@/components/sign-out-everywhere-button";
import { ReservationCard } from "@/components/tickets/reservation-card";
import { getSessionUser } from "@/server/auth/session";
import { listMyReservations } from "@/server/reservations/list-my-reservations";
import { formatShowTime } from "@ticketping/common/format";
import { listMyWaitlistOffers } from "@/server/waitlist/list-my-waitlist-offers";

export const metadata: Metadata = { title: "My tickets" };

export default async function MyTicketsPage() {
  await connection();
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=%2Fmy-tickets");
  const [{ reservations, asOf }, offers] = await Promise.all([
    listMyReservations({ userId: user.id }),
    listMyWaitlistOffers({ userId: user.id }),
  ]);

  return (
    <section aria-labelledby="tickets-heading" className="flex flex-col gap-6">
      <h1 id="tickets-heading" className="text-2xl font-bold tracking-tight">
        My tickets
      </h1>
      {offers.length > 0 ? (
        <section aria-labelledby="offers-heading" className="flex flex-col gap-2">
          <h2 id="offers-heading" className="text-lg font-semibold">
            Waitlist offers
          </h2>
          <ul className="flex flex-col gap-2">
            {offers.map((offer) => (
              <li
                key={offer.reservationId}
                className="flex flex-wrap items-center justify-between gap-2 rounded-xl border border-brand-200 bg-brand-50 p-4"
                data-testid="waitlist-offer-card"
              >
                <p className="text-sm">
                  <span className="font-semibold">{offer.performanceName}</span>,{" "}
                  {formatShowTime(new Date(offer.startsAt), offer.hallTimeZone)}:{" "}
                  {offer.seats.length} {offer.seats.length === 1 ? "seat" : "seats"} held for you
                  until {formatShowTime(new Date(offer.expiresAt), offer.hallTimeZone)}.
                </p>
                <Link
                  href={`/waitlist/offers/${offer.reservationId}`}
                  className="font-semibold text-brand-700 hover:underline"
                >
                  Take the seats
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {reservations.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center">
          <p className="text-slate-700">You have no tickets yet.</p>
          <Link
            href="/performances"
            className="mt-3 inline-block font-semibold text-brand-700 hover:underline"
          >
            Browse performances
          </Link>
        </div>
      ) : (
        <ul className="flex flex-col gap-4">
          {reservations.map((reservation) => (
            <li key={reservation.id}>
              <ReservationCard reservation={reservation} serverNowMs={asOf.getTime()} />
            </li>
          ))}
        </ul>
      )}
      <section
        aria-labelledby="sessions-heading"
        className="mt-4 flex flex-col gap-2 border-t border-slate-200 pt-6"
      >
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Your sessions
        </h2>
        <p className="text-sm text-slate-600">
          Signed in on a device you no longer have, or a shared computer? This signs you out on
          every device, this one included, within a minute.
        </p>
        <SignOutEverywhereButton />
      </section>
    </section>
  );
}
