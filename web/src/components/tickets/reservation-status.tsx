import { useLocale, useTranslations } from "next-intl";
import type { ReservationStatus } from "@ticketping/db/browser";
import type { StatusReasonCode } from "@/server/reservations/status-reason-code";

const statusClasses: Record<ReservationStatus, string> = {
  CONFIRMED: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  PENDING: "bg-amber-100 text-amber-900 ring-amber-200",
  EXPIRED: "bg-slate-200 text-slate-700 ring-slate-300",
  REFUNDED: "bg-sky-100 text-sky-800 ring-sky-200",
  CANCELLED: "bg-slate-200 text-slate-700 ring-slate-300",
  FAILED: "bg-red-100 text-red-800 ring-red-200",
};

/**
 * Why a reservation is in its status. The server's reason is English prose (written when
 * the status changed) with a stable code: each language says the code's message, and a
 * reason without a code is shown as written in English, or as its status's own reason.
 */
export function useStatusReason(): (
  status: ReservationStatus,
  statusReason: string | null,
  statusReasonCode: StatusReasonCode | null,
) => string {
  const t = useTranslations("reservationStatus");
  const locale = useLocale();
  return (status, statusReason, statusReasonCode) =>
    statusReasonCode
      ? t(`code_${statusReasonCode}`)
      : ((locale === "en" ? statusReason : null) ?? t(`reason_${status}`));
}

export function ReservationStatusBadge({ status }: { status: ReservationStatus }) {
  const t = useTranslations("reservationStatus");
  return (
    <span
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${statusClasses[status]}`}
      data-testid="reservation-status"
    >
      {t(status)}
    </span>
  );
}
