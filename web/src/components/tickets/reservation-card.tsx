import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { MyReservation } from "@/server/reservations/schemas";
import { formatDateTime, formatMoney } from "../format";
import { HoldCountdown } from "../hold-countdown";
import { ShowTime } from "../show-time";
import { RefundLines } from "./refund-lines";
import { TicketPasses } from "./ticket-passes";
import { ReservationStatusBadge, useStatusReason } from "./reservation-status";

export function ReservationCard({
  reservation,
  serverNowMs,
}: {
  reservation: MyReservation;
  serverNowMs: number;
}) {
  const t = useTranslations("tickets");
  const locale = useLocale();
  const reason = useStatusReason()(
    reservation.status,
    reservation.statusReason,
    reservation.statusReasonCode,
  );
  const inactive = !["CONFIRMED", "PENDING"].includes(reservation.status);
  return (
    <article
      className={`flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start sm:justify-between ${inactive ? "opacity-90" : ""}`}
      data-testid="reservation"
      aria-labelledby={`reservation-${reservation.id}`}
    >
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <ReservationStatusBadge status={reservation.status} />
          <span className="text-xs text-slate-500">
            {t("booked", { time: formatDateTime(reservation.createdAt, locale) })}
          </span>
        </div>
        <h2 id={`reservation-${reservation.id}`} className="text-lg font-semibold">
          <Link
            href={`/performances/${reservation.performance.slug}`}
            className="hover:text-brand-700 hover:underline"
          >
            {reservation.performance.name}
          </Link>
        </h2>
        <p className="text-sm text-slate-700">
          <ShowTime
            startsAt={reservation.schedule.startsAt}
            timeZone={reservation.performance.hallTimeZone}
          />{" "}
          · {reservation.performance.hallName}
        </p>
        <ul className="mt-1 flex flex-wrap gap-2" aria-label={t("seats")}>
          {reservation.seats.map((seat) => (
            <li
              key={`${seat.row}-${seat.column}`}
              className="flex items-center gap-1.5 rounded-md border border-slate-200 px-2 py-1 text-xs"
            >
              <span
                aria-hidden
                className="h-2.5 w-2.5 rounded-sm"
                style={{ backgroundColor: seat.colour }}
              />
              {t("seatLine", { row: seat.row, column: seat.column, grade: seat.gradeName })}
              {seat.refunded ? (
                <span className="font-medium text-slate-500" data-testid="seat-refunded">
                  {t("refunded")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
        <p className="mt-1 text-sm text-slate-600" data-testid="reservation-reason">
          {reservation.status === "PENDING" ? (
            <HoldCountdown
              variant="inline"
              expiresAtMs={reservation.holdExpiresAt.getTime()}
              serverNowMs={serverNowMs}
            />
          ) : (
            reason
          )}
        </p>
        <RefundLines refunds={reservation.refunds} />
        <TicketPasses reservation={reservation} />
      </div>
      <p className="text-right text-lg font-semibold tabular-nums sm:min-w-28">
        {formatMoney(reservation.amountMinor, reservation.currency, locale)}
      </p>
    </article>
  );
}
