import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { formatShowTime } from "@ticketping/common/format";
import { formatMoney } from "@/components/format";
import { ShowTime } from "@/components/show-time";
import { OfferActions } from "@/components/waitlist/offer-actions";
import { getSessionUser } from "@/server/auth/session";
import { getWaitlistOffer } from "@/server/waitlist/get-waitlist-offer";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("waitlist"))("title") };
}

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
  const [locale, t] = await Promise.all([getLocale(), getTranslations("waitlist")]);

  return (
    <section
      aria-labelledby="offer-heading"
      className="flex flex-col gap-4"
      data-testid="waitlist-offer"
    >
      <h1 id="offer-heading" className="text-2xl font-bold tracking-tight">
        {t("heading", { performance: offer.performanceName })}
      </h1>
      <p>
        <ShowTime startsAt={new Date(offer.startsAt)} timeZone={offer.hallTimeZone} />
      </p>
      <ul className="text-sm">
        {offer.seats.map((seat) => (
          <li key={`${seat.row}-${seat.column}`}>
            {t("seat", { row: seat.row, column: seat.column, grade: seat.grade })}
          </li>
        ))}
      </ul>
      <p className="font-semibold">{formatMoney(offer.amountMinor, offer.currency, locale)}</p>
      {offer.accepted && open ? (
        <Link
          href={`/checkout/${offer.reservationId}`}
          className="font-semibold text-brand-700 hover:underline"
        >
          {t("pay")}
        </Link>
      ) : open ? (
        <>
          <p className="text-sm">
            {t("heldUntil", {
              time: formatShowTime(new Date(offer.expiresAt), offer.hallTimeZone, locale),
            })}
          </p>
          <OfferActions reservationId={offer.reservationId} />
        </>
      ) : (
        <p className="text-sm">{t("ended")}</p>
      )}
    </section>
  );
}
