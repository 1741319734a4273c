import { describe, expect, it } from "vitest";
import { checkInvariants, type InvariantFacts } from "./rules";

const now = new Date("2026-11-26T12:00:00Z");
const past = new Date(now.getTime() - 60_000);
const future = new Date(now.getTime() + 60_000);

/** A run that went right: r1 bought s1+s2, r2 lapsed, r3 holds s3 until later. */
function goodFacts(): InvariantFacts {
  return {
    seats: 3,
    maxActive: 2,
    workingSet: { maxSampled: 2, samples: 50, maxSeenByBuyers: 2 },
    confirmedSeats: [
      { seatId: "s1", reservationId: "r1" },
      { seatId: "s2", reservationId: "r1" },
    ],
    seatsMarkedSold: 2,
    reservations: [
      { id: "r1", status: "CONFIRMED", holdExpiresAt: past, payments: ["COMPLETED"] },
      { id: "r2", status: "EXPIRED", holdExpiresAt: past, payments: [] },
      { id: "r3", status: "PENDING", holdExpiresAt: future, payments: [] },
    ],
    paidReservationIds: ["r1"],
    lapsedReservationIds: ["r2"],
    purchases: [{ userId: "u1", seatIds: ["s1", "s2"] }],
    redisSeatMap: new Map([
      ["s1", "S:r1"],
      ["s2", "S:r1"],
      ["s3", "H:r3"],
    ]),
    expectedSeatMap: new Map([
      ["s1", "S:r1"],
      ["s2", "S:r1"],
      ["s3", "H:r3"],
    ]),
    now,
  };
}

function failing(facts: InvariantFacts): string[] {
  return checkInvariants(facts)
    .filter((result) => !result.passed)
    .map((result) => result.id);
}

describe("invariants", () => {
  it("all hold for a run that went right", () => {
    const results = checkInvariants(goodFacts());
    expect(results.map((result) => result.id)).toEqual([
      "seats-sold-once",
      "sold-within-capacity",
      "working-set-bounded",
      "paid-confirmed",
      "lapsed-expired",
      "no-stale-pending",
      "redis-agrees",
    ]);
    expect(results.filter((result) => !result.passed)).toEqual([]);
  });

  it("a seat in two CONFIRMED reservations fails seats-sold-once", () => {
    const facts = goodFacts();
    facts.confirmedSeats.push({ seatId: "s1", reservationId: "r9" });
    expect(failing(facts)).toContain("seats-sold-once");
  });

  it("a seat confirmed to two buyers (as they saw it) fails seats-sold-once", () => {
    const facts = goodFacts();
    facts.purchases.push({ userId: "u2", seatIds: ["s2"] });
    expect(failing(facts)).toEqual(["seats-sold-once"]);
  });

  it("more sold than exist, or SOLD marks that disagree, fail sold-within-capacity", () => {
    const oversold = goodFacts();
    oversold.seats = 1;
    expect(failing(oversold)).toContain("sold-within-capacity");
    const marks = goodFacts();
    marks.seatsMarkedSold = 3;
    expect(failing(marks)).toEqual(["sold-within-capacity"]);
  });

  it("one buyer too many in the working set fails working-set-bounded, as does no sample", () => {
    const sampled = goodFacts();
    sampled.workingSet.maxSampled = 3;
    expect(failing(sampled)).toEqual(["working-set-bounded"]);
    const broadcast = goodFacts();
    broadcast.workingSet.maxSeenByBuyers = 3;
    expect(failing(broadcast)).toEqual(["working-set-bounded"]);
    const blind = goodFacts();
    blind.workingSet.samples = 0;
    expect(failing(blind)).toEqual(["working-set-bounded"]);
  });

  it("a paid reservation left PENDING, EXPIRED or without its payment fails paid-confirmed", () => {
    for (const status of ["PENDING", "EXPIRED", "FAILED"]) {
      const facts = goodFacts();
      facts.reservations[0] = { id: "r1", status, holdExpiresAt: future, payments: ["COMPLETED"] };
      expect(failing(facts)).toContain("paid-confirmed");
    }
    const noPayment = goodFacts();
    noPayment.reservations[0] = {
      id: "r1",
      status: "CONFIRMED",
      holdExpiresAt: past,
      payments: [],
    };
    expect(failing(noPayment)).toContain("paid-confirmed");
  });

  it("a payment recorded for a reservation no buyer reported paying is checked too", () => {
    const facts = goodFacts();
    facts.reservations[2] = {
      id: "r3",
      status: "PENDING",
      holdExpiresAt: future,
      payments: ["COMPLETED"],
    };
    expect(failing(facts)).toEqual(["paid-confirmed"]);
  });

  it("a late payment refunded is correct, and said so", () => {
    const facts = goodFacts();
    facts.reservations[1] = {
      id: "r2",
      status: "REFUNDED",
      holdExpiresAt: past,
      payments: ["REFUNDED"],
    };
    facts.lapsedReservationIds = [];
    const result = checkInvariants(facts).find((entry) => entry.id === "paid-confirmed");
    expect(result).toMatchObject({ passed: true });
    expect(result?.detail).toMatch(/1 paid after the hold lapsed and were REFUNDED/);
  });

  it("a lapsed hold not EXPIRED fails lapsed-expired", () => {
    const facts = goodFacts();
    facts.lapsedReservationIds.push("r3");
    expect(failing(facts)).toEqual(["lapsed-expired"]);
    const missing = goodFacts();
    missing.lapsedReservationIds.push("nope");
    expect(failing(missing)).toEqual(["lapsed-expired"]);
  });

  it("a PENDING reservation past its hold fails no-stale-pending", () => {
    const facts = goodFacts();
    facts.reservations[2] = { id: "r3", status: "PENDING", holdExpiresAt: past, payments: [] };
    expect(failing(facts)).toEqual(["no-stale-pending"]);
  });

  it("any difference between Redis and PostgreSQL fails redis-agrees", () => {
    const wrongState = goodFacts();
    wrongState.redisSeatMap?.set("s3", "S:r3");
    expect(failing(wrongState)).toEqual(["redis-agrees"]);
    const extra = goodFacts();
    extra.redisSeatMap?.set("s4", "H:r4");
    expect(failing(extra)).toEqual(["redis-agrees"]);
    const freed = goodFacts();
    freed.redisSeatMap?.delete("s1");
    expect(failing(freed)).toEqual(["redis-agrees"]);
    const gone = goodFacts();
    gone.redisSeatMap = null;
    expect(failing(gone)).toEqual(["redis-agrees"]);
  });
});
