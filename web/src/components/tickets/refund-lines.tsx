import type { MyReservation } from "@/server/reservations/schemas";
import { formatDateTime, formatMoney } from "../format";

/**
 * Where the buyer's money is: a refund we announced is shown pending until the provider
 * has really made it, so the page never says "refunded" before it is true.
 */
export function RefundLines({ refunds }: { refunds: MyReservation["refunds"] }) {
  if (refunds.length === 0) return null;
  return (
    <ul className="text-sm" data-testid="reservation-refunds">
      {refunds.map((refund, index) => (
        <li key={`${refund.requestedAt.toISOString()}-${index}`} className="text-slate-700">
          {refund.refundedAt
            ? `Refunded ${formatMoney(refund.amountMinor, refund.currency)} on ${formatDateTime(refund.refundedAt)}.`
            : `Refund of ${formatMoney(refund.amountMinor, refund.currency)} pending since ${formatDateTime(refund.requestedAt)}; it is retried until it is made.`}
        </li>
      ))}
    </ul>
  );
}
