import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "../format";
import type { Outcome, Verdict } from "./verdict";

const looks: Record<Outcome, string> = {
  ADMITTED: "border-emerald-600 bg-emerald-50 text-emerald-950",
  ALREADY_ADMITTED: "border-amber-500 bg-amber-50 text-amber-950",
  WRONG_SHOW: "border-red-600 bg-red-50 text-red-950",
  NOT_VALID: "border-red-600 bg-red-50 text-red-950",
  INVALID: "border-red-600 bg-red-50 text-red-950",
};

/**
 * Why a ticket does not admit. The API's reason is English (and names the cause exactly);
 * other languages say the outcome's own sentence. A wrong show's line already says which.
 */
function useReasonText(): (verdict: Verdict) => string | null {
  const t = useTranslations("door");
  const locale = useLocale();
  return (verdict) => {
    if (!verdict.reason) return null;
    if (locale === "en") return verdict.reason;
    if (verdict.outcome === "NOT_VALID") return t("reason_NOT_VALID");
    if (verdict.outcome === "INVALID") return t("reason_INVALID");
    return null;
  };
}

/** The verdict as door staff read it at arm's length: one word, then who and which seat. */
export function VerdictPanel({ verdict }: { verdict: Verdict | null }) {
  const t = useTranslations("door");
  const locale = useLocale();
  const reasonText = useReasonText();
  if (!verdict) {
    return (
      <div
        role="status"
        aria-live="assertive"
        data-testid="door-verdict"
        className="rounded-2xl border-4 border-dashed border-slate-300 p-6 text-center text-slate-500"
      >
        {t("scanPrompt")}
      </div>
    );
  }
  const { ticket, checkIn } = verdict;
  const reason = reasonText(verdict);
  return (
    <div
      role="status"
      aria-live="assertive"
      data-testid="door-verdict"
      data-outcome={verdict.outcome}
      className={`flex flex-col gap-1 rounded-2xl border-4 p-6 text-center ${looks[verdict.outcome]}`}
    >
      <p className="text-4xl font-black tracking-tight">{t(`outcome_${verdict.outcome}`)}</p>
      {ticket ? (
        <p className="text-lg font-semibold">
          {ticket.holderName} · {t("seat", { row: ticket.seat.row, column: ticket.seat.column })} ·{" "}
          {ticket.seat.gradeName}
        </p>
      ) : null}
      {verdict.outcome === "ALREADY_ADMITTED" && checkIn ? (
        <p>
          {t("admittedAt", {
            gate: checkIn.gate,
            time: formatDateTime(new Date(checkIn.scannedAt), locale),
          })}
        </p>
      ) : null}
      {verdict.outcome === "WRONG_SHOW" && ticket ? (
        <p>
          {t("forShow", {
            performance: ticket.show.performanceName,
            time: formatDateTime(new Date(ticket.show.startsAt), locale),
          })}
        </p>
      ) : null}
      {reason ? <p>{reason}</p> : null}
      {verdict.offline ? <p className="text-sm">{t("checkedOffline")}</p> : null}
    </div>
  );
}
