import { describe, expect, it } from "vitest";
import { chaosRules, type ChaosFacts } from "./rules";

const t = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 12, 0, seconds));

/** A run that went right: p1 paid in time and CONFIRMED, p2 paid late and refunded. */
function goodFacts(): ChaosFacts {
  const fault = (name: ChaosFacts["plannedFaults"][number], at: number) => ({
    name,
    what: name,
    injectedAt: t(at),
    healStartedAt: t(at + 5),
    healedAt: t(at + 6),
    recoveredAt: t(at + 8),
    unhealthy: [],
  });
  return {
    payments: [
      {
        id: "p1",
        reservationId: "r1",
        status: "COMPLETED",
        recordedAt: t(10),
        refundRequestedAt: null,
        refundedAt: null,
        reservationStatus: "CONFIRMED",
        holdExpiresAt: t(11),
      },
      {
        id: "p2",
        reservationId: "r2",
        status: "REFUNDED",
        recordedAt: t(20),
        refundRequestedAt: t(21),
        refundedAt: t(22),
        reservationStatus: "REFUNDED",
        holdExpiresAt: t(15),
      },
    ],
    outbox: { unpublished: 0, total: 12 },
    places: { lost: [], rejoins: 3, statusChecks: 40, drops: 3 },
    faults: [fault("worker-killed", 0), fault("postgres-restarted", 30)],
    plannedFaults: ["worker-killed", "postgres-restarted"],
    postgresOutageAnswers: [
      { at: t(31).getTime(), status: 503, code: "SERVICE_UNAVAILABLE", ms: 40 },
      { at: t(38).getTime(), status: 200, code: "-", ms: 30 },
    ],
  };
}

function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

function failing(facts: ChaosFacts): string[] {
  return chaosRules
    .map((rule) => rule(facts))
    .filter((r) => !r.passed)
    .map((r) => r.id);
}

describe("chaos checks", () => {
  it("all hold for a run that went right", () => {
    expect(failing(goodFacts())).toEqual([]);
  });

  it("a payment made before the hold's end and refunded is a wrong refund", () => {
    const facts = goodFacts();
    facts.payments[0] = {
      ...nth(facts.payments, 0),
      status: "REFUNDED",
      refundRequestedAt: t(30),
      reservationStatus: "REFUNDED",
    };
    expect(failing(facts)).toEqual(["paid-in-time-confirmed"]);
    const result = nth(chaosRules, 0)(facts);
    expect(result.detail).toMatch(/^wrong refunds: 1/);
  });

  it("a payment made in time left PENDING or EXPIRED fails too", () => {
    for (const status of ["PENDING", "EXPIRED"]) {
      const facts = goodFacts();
      facts.payments[0] = { ...nth(facts.payments, 0), reservationStatus: status };
      expect(failing(facts)).toEqual(["paid-in-time-confirmed"]);
    }
  });

  it("a late payment whose refund was announced but never recorded fails", () => {
    const facts = goodFacts();
    facts.payments[1] = { ...nth(facts.payments, 1), status: "COMPLETED", refundedAt: null };
    expect(failing(facts)).toEqual(["paid-late-refunded"]);
  });

  it("a late payment kept with its reservation EXPIRED fails; a sale that stood passes", () => {
    const kept = goodFacts();
    kept.payments[1] = {
      ...nth(kept.payments, 1),
      status: "COMPLETED",
      refundRequestedAt: null,
      refundedAt: null,
      reservationStatus: "EXPIRED",
    };
    expect(failing(kept)).toEqual(["paid-late-refunded"]);
    const stood = goodFacts();
    stood.payments[1] = { ...nth(kept.payments, 1), reservationStatus: "CONFIRMED" };
    expect(failing(stood)).toEqual([]);
  });

  it("an unpublished outbox event fails outbox-published", () => {
    const facts = goodFacts();
    facts.outbox.unpublished = 1;
    expect(failing(facts)).toEqual(["outbox-published"]);
  });

  it("a lost place fails places-kept", () => {
    const facts = goodFacts();
    facts.places.lost.push({ userId: "u1", how: "seq 3 -> 9", atMs: 1 });
    expect(failing(facts)).toEqual(["places-kept"]);
  });

  it("a fault not injected, or not recovered from, fails faults-recovered", () => {
    const missing = goodFacts();
    missing.plannedFaults.push("kafka-stopped");
    expect(failing(missing)).toEqual(["faults-recovered"]);
    const stuck = goodFacts();
    stuck.faults[0] = { ...nth(stuck.faults, 0), recoveredAt: null, unhealthy: ["worker"] };
    expect(failing(stuck)).toEqual(["faults-recovered"]);
  });

  it("a 500, a code-less 503, a slow answer or no answer while PostgreSQL is away fails", () => {
    const answers = [
      { status: 500, code: "INTERNAL", ms: 40 },
      { status: 503, code: "-", ms: 40 },
      { status: 503, code: "SERVICE_UNAVAILABLE", ms: 9_000 },
      { status: 0, code: "TIMEOUT", ms: 10_000 },
    ];
    for (const answer of answers) {
      const facts = goodFacts();
      facts.postgresOutageAnswers.push({ at: t(33).getTime(), ...answer });
      expect(failing(facts)).toEqual(["postgres-outage-503"]);
    }
    const unasked = goodFacts();
    unasked.postgresOutageAnswers = [];
    expect(failing(unasked)).toEqual(["postgres-outage-503"]);
  });
});
