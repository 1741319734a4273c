import { formatDateTime } from "../format";
import type { Outcome, Verdict } from "./verdict";

const looks: Record<Outcome, { heading: string; className: string }> = {
  ADMITTED: { heading: "Admit", className: "border-emerald-600 bg-emerald-50 text-emerald-950" },
  ALREADY_ADMITTED: {
    heading: "Already admitted",
    className: "border-amber-500 bg-amber-50 text-amber-950",
  },
  WRONG_SHOW: { heading: "Wrong show", className: "border-red-600 bg-red-50 text-red-950" },
  NOT_VALID: { heading: "Not valid", className: "border-red-600 bg-red-50 text-red-950" },
  INVALID: { heading: "Invalid ticket", className: "border-red-600 bg-red-50 text-red-950" },
};

/** The verdict as door staff read it at arm's length: one word, then who and which seat. */
export function VerdictPanel({ verdict }: { verdict: Verdict | null }) {
  if (!verdict) {
    return (
      <div
        role="status"
        aria-live="assertive"
        data-testid="door-verdict"
        className="rounded-2xl border-4 border-dashed border-slate-300 p-6 text-center text-slate-500"
      >
        Scan or type a ticket.
      </div>
    );
  }
  const look = looks[verdict.outcome];
  const { ticket, checkIn } = verdict;
  return (
    <div
      role="status"
      aria-live="assertive"
      data-testid="door-verdict"
      data-outcome={verdict.outcome}
      className={`flex flex-col gap-1 rounded-2xl border-4 p-6 text-center ${look.className}`}
    >
      <p className="text-4xl font-black tracking-tight">{look.heading}</p>
      {ticket ? (
        <p className="text-lg font-semibold">
          {ticket.holderName} · Row {ticket.seat.row}, seat {ticket.seat.column} ·{" "}
          {ticket.seat.gradeName}
        </p>
      ) : null}
      {verdict.outcome === "ALREADY_ADMITTED" && checkIn ? (
        <p>
          Admitted at {checkIn.gate}, {formatDateTime(new Date(checkIn.scannedAt))}
        </p>
      ) : null}
      {verdict.outcome === "WRONG_SHOW" && ticket ? (
        <p>
          This ticket is for {ticket.show.performanceName},{" "}
          {formatDateTime(new Date(ticket.show.startsAt))}
        </p>
      ) : null}
      {verdict.reason ? <p>{verdict.reason}</p> : null}
      {verdict.offline ? <p className="text-sm">Checked on this device (offline).</p> : null}
    </div>
  );
}
