import { useLocale, useTranslations } from "next-intl";
import type { MyReservation } from "@/server/reservations/schemas";
import { formatDateTime, formatMoney } from "../format";

/**
 * Where the buyer's money is: a refund we announced is shown pending until the provider
 * has really made it, so the page never says "refunded" before it is true.
 */
export function RefundLines({ refunds }: { refunds: MyReservation["refunds"] }) {
  const t = useTranslations("tickets");
  const locale = useLocale();
  if (refunds.length === 0) return null;
  return (
    <ul className="text-sm" data-testid="reservation-refunds">
      {refunds.map((refund, index) => (
        <li key={`${refund.requestedAt.toISOString()}-${index}`} className="text-slate-700">
          {refund.refundedAt
            ? t("refundedOn", {
                amount: formatMoney(refund.amountMinor, refund.currency, locale),
                time: formatDateTime(refund.refundedAt, locale),
              })
            : t("refundPending", {
                amount: formatMoney(refund.amountMinor, refund.currency, locale),
                time: formatDateTime(refund.requestedAt, locale),
              })}
        </li>
      ))}
    </ul>
  );
}
