import type { InvariantResult } from "../invariants/rules";
import type { FaultName } from "./faults";
import type { LostPlace } from "./place-tracker";
import type { ProbeAnswer } from "./probes";
import type { FaultRecord } from "./run-faults";

/** What the chaos run's own checks look at, read at the end from PostgreSQL and the run. */
export interface ChaosFacts {
  /** Every payment recorded for the show, with its reservation as it ended. */
  payments: {
    id: string;
    reservationId: string;
    status: string;
    /** When the webhook recorded it: the provider had taken the money by then. */
    recordedAt: Date;
    refundRequestedAt: Date | null;
    refundedAt: Date | null;
    reservationStatus: string;
    holdExpiresAt: Date;
  }[];
  /** Outbox events never published, and all of them. */
  outbox: { unpublished: number; total: number };
  places: { lost: LostPlace[]; rejoins: number; statusChecks: number; drops: number };
  faults: FaultRecord[];
  /** The faults the run was meant to inject. */
  plannedFaults: FaultName[];
  /** What the web app answered a signed-in buyer while PostgreSQL was away and coming back. */
  postgresOutageAnswers: ProbeAnswer[];
}

/** An answer slower than this is no answer for a buyer: the page just hangs. */
export const CLEAR_ANSWER_MS = 5_000;

const result = (id: string, title: string, problems: string[], ok: string): InvariantResult => ({
  id,
  title,
  passed: problems.length === 0,
  detail:
    problems.length === 0
      ? ok
      : problems.slice(0, 5).join("; ") +
        (problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""),
});

const inTime = (payment: ChaosFacts["payments"][number]) =>
  payment.recordedAt.getTime() <= payment.holdExpiresAt.getTime();

/** Refunds of payments made while the hold was still live: money taken back for seats owed. */
export function wrongRefunds(facts: ChaosFacts): ChaosFacts["payments"] {
  return facts.payments.filter(
    (payment) =>
      inTime(payment) &&
      (payment.status === "REFUNDED" ||
        payment.refundRequestedAt !== null ||
        payment.reservationStatus === "REFUNDED"),
  );
}

export function paidInTimeConfirmed(facts: ChaosFacts): InvariantResult {
  const inTimePayments = facts.payments.filter(inTime);
  const problems = inTimePayments
    .filter(
      (payment) => payment.reservationStatus !== "CONFIRMED" || payment.status !== "COMPLETED",
    )
    .map(
      (payment) =>
        `payment ${payment.id} recorded ${lead(payment)} before the hold's end: reservation ` +
        `${payment.reservationStatus}, payment ${payment.status}` +
        (payment.refundRequestedAt ? ", refund requested" : ""),
    );
  const wrong = wrongRefunds(facts).length;
  if (wrong > 0) problems.unshift(`wrong refunds: ${wrong}`);
  return result(
    "paid-in-time-confirmed",
    "Every payment made before its hold's end CONFIRMED (wrong refunds: 0)",
    problems,
    `${inTimePayments.length} payments recorded before the hold's end, all CONFIRMED; wrong refunds: 0`,
  );
}

export function paidLateRefunded(facts: ChaosFacts): InvariantResult {
  const late = facts.payments.filter((payment) => !inTime(payment));
  const problems: string[] = [];
  let refunded = 0;
  let stood = 0;
  for (const payment of late) {
    if (payment.status === "REFUNDED" && payment.refundedAt !== null) refunded++;
    // The sale may stand when the seats were still free (the issue leaves the policy open),
    // as long as the money and the seats go together.
    else if (payment.status === "COMPLETED" && payment.reservationStatus === "CONFIRMED") {
      if (payment.refundRequestedAt) {
        problems.push(`payment ${payment.id}: reservation CONFIRMED but a refund was requested`);
      } else stood++;
    } else {
      problems.push(
        `payment ${payment.id} recorded ${lag(payment)} after the hold's end: payment ` +
          `${payment.status}${payment.refundRequestedAt ? " (refund requested, not recorded)" : ""}, ` +
          `reservation ${payment.reservationStatus}`,
      );
    }
  }
  return result(
    "paid-late-refunded",
    "Every payment after its hold's end refunded (Payment REFUNDED), or its sale standing",
    problems,
    `${late.length} payments recorded after the hold's end: ${refunded} REFUNDED, ${stood} sales stood`,
  );
}

export function outboxPublished(facts: ChaosFacts): InvariantResult {
  const { unpublished, total } = facts.outbox;
  return result(
    "outbox-published",
    "The outbox fully published",
    unpublished > 0 ? [`${unpublished} of ${total} outbox events never published`] : [],
    `all ${total} outbox events published`,
  );
}

export function placesKept(facts: ChaosFacts): InvariantResult {
  const { lost, rejoins, statusChecks, drops } = facts.places;
  return result(
    "places-kept",
    "No waiting buyer's place got worse except by their own leaving",
    lost.map((place) => `buyer ${place.userId}: ${place.how}`),
    `${drops} dropped sockets, ${rejoins} joins again and ${statusChecks} status checks after ` +
      "faults: every place kept",
  );
}

export function faultsRecovered(facts: ChaosFacts): InvariantResult {
  const problems: string[] = [];
  for (const name of facts.plannedFaults) {
    const record = facts.faults.find((fault) => fault.name === name);
    if (!record) problems.push(`${name} was not injected`);
    else if (record.error) problems.push(`${name}: ${record.error}`);
    else if (!record.recoveredAt) {
      problems.push(
        `${name}: the system did not recover` +
          (record.unhealthy.length > 0
            ? ` (${record.unhealthy.join(", ")} not healthy again)`
            : ""),
      );
    }
  }
  return result(
    "faults-recovered",
    "Every fault injected, and the system recovered from each by itself",
    problems,
    facts.faults
      .map((fault) => `${fault.name} ${recoverySeconds(fault)?.toFixed(1) ?? "?"} s`)
      .join(", "),
  );
}

export function postgresOutageAnswered(facts: ChaosFacts): InvariantResult {
  const answers = facts.postgresOutageAnswers;
  const failed = answers.filter((answer) => answer.status !== 200);
  const problems: string[] = [];
  if (!facts.faults.some((fault) => fault.name === "postgres-restarted")) {
    problems.push("PostgreSQL was not restarted");
  } else if (answers.length === 0) problems.push("nothing was asked while PostgreSQL was away");
  const unclear = new Map<string, number>();
  for (const answer of failed) {
    const clear = answer.status === 503 && answer.code !== "-" && answer.ms <= CLEAR_ANSWER_MS;
    if (clear) continue;
    const key =
      answer.status === 0
        ? `no answer (${answer.code})`
        : answer.ms > CLEAR_ANSWER_MS
          ? `${answer.status} ${answer.code} after more than ${CLEAR_ANSWER_MS / 1000} s`
          : `${answer.status} ${answer.code}`;
    unclear.set(key, (unclear.get(key) ?? 0) + 1);
  }
  for (const [key, count] of unclear) problems.push(`${count} × ${key}`);
  return result(
    "postgres-outage-503",
    "While PostgreSQL is away the web app answers a clear 503 code",
    problems,
    `${failed.length} of ${answers.length} answers failed while it was away, all 503 with a code ` +
      `(${[...new Set(failed.map((answer) => answer.code))].join(", ") || "none"})`,
  );
}

export const chaosRules = [
  paidInTimeConfirmed,
  paidLateRefunded,
  outboxPublished,
  placesKept,
  faultsRecovered,
  postgresOutageAnswered,
];

/** Seconds from the part's restart to the system working again; null if it never did. */
export function recoverySeconds(fault: FaultRecord): number | null {
  return fault.recoveredAt
    ? (fault.recoveredAt.getTime() - fault.healStartedAt.getTime()) / 1000
    : null;
}

function lead(payment: ChaosFacts["payments"][number]): string {
  return `${((payment.holdExpiresAt.getTime() - payment.recordedAt.getTime()) / 1000).toFixed(1)} s`;
}

function lag(payment: ChaosFacts["payments"][number]): string {
  return `${((payment.recordedAt.getTime() - payment.holdExpiresAt.getTime()) / 1000).toFixed(1)} s`;
}
