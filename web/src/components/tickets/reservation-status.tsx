import type { ReservationStatus } from "@ticketping/db/browser";

export const reservationStatusStyles: Record<
  ReservationStatus,
  { label: string; className: string; defaultReason: string }
> = {
  CONFIRMED: {
    label: "Confirmed",
    className: "bg-emerald-100 text-emerald-800 ring-emerald-200",
    defaultReason: "Paid. Your seats are yours.",
  },
  PENDING: {
    label: "Awaiting payment",
    className: "bg-amber-100 text-amber-900 ring-amber-200",
    defaultReason: "Your seats are held until payment completes.",
  },
  EXPIRED: {
    label: "Expired",
    className: "bg-slate-200 text-slate-700 ring-slate-300",
    defaultReason: "The hold ran out before payment; the seats were released.",
  },
  REFUNDED: {
    label: "Refunded",
    className: "bg-sky-100 text-sky-800 ring-sky-200",
    defaultReason: "Your payment was refunded.",
  },
  CANCELLED: {
    label: "Cancelled",
    className: "bg-slate-200 text-slate-700 ring-slate-300",
    defaultReason: "The reservation was cancelled and the seats released.",
  },
  FAILED: {
    label: "Payment failed",
    className: "bg-red-100 text-red-800 ring-red-200",
    defaultReason: "The payment did not go through; you were not charged.",
  },
};

export function ReservationStatusBadge({ status }: { status: ReservationStatus }) {
  const { label, className } = reservationStatusStyles[status];
  return (
    <span
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${className}`}
      data-testid="reservation-status"
    >
      {label}
    </span>
  );
}
