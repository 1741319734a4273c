import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { SignOutEverywhereButton } from "@/components/sign-out-everywhere-button";
import { ReservationCard } from "@/components/tickets/reservation-card";
import { getSessionUser } from "@/server/auth/session";
import { listMyReservations } from "@/server/reservations/list-my-reservations";
import { formatShowTime } from "@ticketping/common/format";
import { ShowTime } from "@/components/show-time";
import { listMyWaitlistOffers } from "@/server/waitlist/list-my-waitlist-offers";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tickets"))("title") };
}

export default async function MyTicketsPage() {
  await connection();
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=%2Fmy-tickets");
  const [{ reservations, asOf }, offers] = await Promise.all([
    listMyReservations({ userId: user.id }),
    listMyWaitlistOffers({ userId: user.id }),
  ]);
  const [locale, t] = await Promise.all([getLocale(), getTranslations("tickets")]);

  return (
    <section aria-labelledby="tickets-heading" className="flex flex-col gap-6">
      <h1 id="tickets-heading" className="text-2xl font-bold tracking-tight">
        {t("title")}
      </h1>
      {offers.length > 0 ? (
        <section aria-labelledby="offers-heading" className="flex flex-col gap-2">
          <h2 id="offers-heading" className="text-lg font-semibold">
            {t("offersHeading")}
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
                  <ShowTime startsAt={new Date(offer.startsAt)} timeZone={offer.hallTimeZone} />:{" "}
                  {t("offerText", {
                    seats: offer.seats.length,
                    until: formatShowTime(new Date(offer.expiresAt), offer.hallTimeZone, locale),
                  })}
                </p>
                <Link
                  href={`/waitlist/offers/${offer.reservationId}`}
                  className="font-semibold text-brand-700 hover:underline"
                >
                  {t("takeSeats")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {reservations.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 p-8 text-center">
          <p className="text-slate-700">{t("none")}</p>
          <Link
            href="/performances"
            className="mt-3 inline-block font-semibold text-brand-700 hover:underline"
          >
            {t("browse")}
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
          {t("sessionsHeading")}
        </h2>
        <p className="text-sm text-slate-600">{t("sessionsText")}</p>
        <SignOutEverywhereButton />
      </section>
    </section>
  );
}
