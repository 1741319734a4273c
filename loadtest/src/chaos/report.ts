import os from "node:os";
import { buyerOutcomes, type BuyerOutcome, type BuyerResult } from "../buyer/context";
import type { InvariantResult } from "../invariants/rules";
import type { Recorder } from "../metrics/recorder";
import type { ChaosOptions } from "./options";
import { recoverySeconds, wrongRefunds, type ChaosFacts } from "./rules";

export interface FaultFigures {
  name: string;
  what: string;
  /** Seconds the part was away (injection to the restart). */
  downSeconds: number;
  /** Seconds from the restart to the system working again; null if it never did. */
  recoverySeconds: number | null;
  /** Seconds from the injection to the system working again. */
  outageSeconds: number | null;
  /** Payments the webhook recorded between the injection and the recovery. */
  paymentsDuring: number;
  error?: string;
}

export interface ChaosReport {
  runId: string;
  seed: number;
  passed: boolean;
  startedAt: string;
  finishedAt: string;
  options: ChaosOptions;
  machine: { cpus: number; memoryGiB: number; node: string; loadAverage: number[] };
  figures: {
    faultsInjected: number;
    buyers: number;
    /** Buyers who paid and saw their reservation CONFIRMED. */
    purchases: number;
    seats: number;
    seatsSold: number;
    payments: number;
    paymentsInTime: number;
    paymentsLate: number;
    refunds: number;
    /** Refunds requested but never recorded on the payment. */
    refundsPending: number;
    wrongRefunds: number;
    lostPlaces: number;
  };
  faults: FaultFigures[];
  invariants: InvariantResult[];
  outcomes: { outcome: BuyerOutcome; count: number; codes: Record<string, number> }[];
  /** Failed steps the buyers met, by step and code. */
  errors: Record<string, Record<string, number>>;
  /** 5xx answers and network failures the buyers' HTTP client met (and waited out on 503). */
  troubles: Record<string, number>;
  /** What the web app answered while PostgreSQL was away: `<status> <code>` -> answers. */
  postgresOutageAnswers: Record<string, number>;
  places: {
    drops: number;
    rejoins: number;
    statusChecks: number;
    lost: { userId: string; how: string }[];
  };
  workingSet: { maxActive: number; maxSampled: number; samples: number; failedReads: number };
}

export function buildChaosReport({
  runId,
  seed,
  options,
  startedAt,
  finishedAt,
  buyers,
  sold,
  facts,
  invariants,
  recorder,
  troubles,
  workingSet,
}: {
  runId: string;
  seed: number;
  options: ChaosOptions;
  startedAt: Date;
  finishedAt: Date;
  buyers: readonly BuyerResult[];
  sold: number;
  facts: ChaosFacts;
  invariants: InvariantResult[];
  recorder: Recorder;
  troubles: ReadonlyMap<string, number>;
  workingSet: { maxSampled: number; samples: number; failedReads: number };
}): ChaosReport {
  const inTime = facts.payments.filter((payment) => payment.recordedAt <= payment.holdExpiresAt);
  const faults = facts.faults.map((fault): FaultFigures => {
    const end = fault.recoveredAt ?? fault.healedAt;
    return {
      name: fault.name,
      what: fault.what,
      downSeconds: seconds(fault.healStartedAt, fault.injectedAt),
      recoverySeconds: roundTenth(recoverySeconds(fault)),
      outageSeconds: fault.recoveredAt ? seconds(fault.recoveredAt, fault.injectedAt) : null,
      paymentsDuring: facts.payments.filter(
        (payment) => payment.recordedAt >= fault.injectedAt && payment.recordedAt <= end,
      ).length,
      ...(fault.error ? { error: fault.error } : {}),
    };
  });
  const outcomes = (Object.keys(buyerOutcomes) as BuyerOutcome[]).map((outcome) => {
    const codes: Record<string, number> = {};
    const matching = buyers.filter((buyer) => buyer.outcome === outcome);
    for (const buyer of matching) {
      if (buyer.code) codes[buyer.code] = (codes[buyer.code] ?? 0) + 1;
    }
    return { outcome, count: matching.length, codes };
  });
  const outageAnswers: Record<string, number> = {};
  for (const answer of facts.postgresOutageAnswers) {
    const key = `${answer.status} ${answer.code}`;
    outageAnswers[key] = (outageAnswers[key] ?? 0) + 1;
  }
  return {
    runId,
    seed,
    passed: invariants.every((invariant) => invariant.passed),
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    options: { ...options, seed },
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    figures: {
      faultsInjected: facts.faults.filter((fault) => !fault.error).length,
      buyers: buyers.length,
      purchases: buyers.filter((buyer) => buyer.outcome === "purchased").length,
      seats: options.seats,
      seatsSold: sold,
      payments: facts.payments.length,
      paymentsInTime: inTime.length,
      paymentsLate: facts.payments.length - inTime.length,
      refunds: facts.payments.filter((payment) => payment.status === "REFUNDED").length,
      refundsPending: facts.payments.filter(
        (payment) => payment.refundRequestedAt !== null && payment.status !== "REFUNDED",
      ).length,
      wrongRefunds: wrongRefunds(facts).length,
      lostPlaces: facts.places.lost.length,
    },
    faults,
    invariants,
    outcomes: outcomes.filter((entry) => entry.count > 0),
    errors: Object.fromEntries(
      [...recorder.errors].map(([step, codes]) => [step, Object.fromEntries(codes)]),
    ),
    troubles: Object.fromEntries(troubles),
    postgresOutageAnswers: outageAnswers,
    places: {
      drops: facts.places.drops,
      rejoins: facts.places.rejoins,
      statusChecks: facts.places.statusChecks,
      lost: facts.places.lost.map(({ userId, how }) => ({ userId, how })),
    },
    workingSet: { maxActive: options.maxActive, ...workingSet },
  };
}

function roundTenth(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function seconds(end: Date, start: Date): number {
  return Math.round((end.getTime() - start.getTime()) / 100) / 10;
}
