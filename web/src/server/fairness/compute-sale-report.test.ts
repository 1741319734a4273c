import { describe, expect, it } from "vitest";
import type { SaleRecord, SaleRecordEntry } from "@ticketping/common/queue/store";
import { computeSaleReport } from "./compute-sale-report";

const opened = Date.UTC(2026, 11, 6, 20, 0, 0);

const join = (seq: number, seconds: number): SaleRecordEntry => ({
  kind: "join",
  seq,
  at: opened + seconds * 1000,
});
const admission = (seq: number, seconds: number): SaleRecordEntry => ({
  kind: "admission",
  seq,
  at: opened + seconds * 1000,
});

function record(entries: SaleRecordEntry[], counters: Record<string, number> = {}): SaleRecord {
  return { counters, openedAt: opened, generalOpenedAt: null, entries };
}

describe("a sale's fairness figures", () => {
  it("takes the counters, refusals by reason and the working set from the record", () => {
    const report = computeSaleReport({
      record: record([], {
        joins: 40,
        shuffled: 12,
        admitted: 30,
        "refused:LINE_FULL": 7,
        "refused:SOLD_OUT": 3,
        "pow:solved": 41,
        "pow:failed": 2,
        activeMax: 20,
        left: 5,
      }),
      maxActive: 20,
      soldOutAt: new Date(opened + 95_500),
    });
    expect(report).toMatchObject({
      openedAt: new Date(opened),
      entrants: 40,
      preQueued: 12,
      admitted: 30,
      refusals: { LINE_FULL: 7, SOLD_OUT: 3 },
      proofOfWork: { solved: 41, failed: 2 },
      workingSet: { max: 20, limit: 20 },
      soldOutAfterSeconds: 95.5,
      recordComplete: true,
      waitSeconds: null,
    });
  });

  it("finds no inversion in an in-order sale, and the largest one in places and time", () => {
    const inOrder = [1, 2, 3, 4].map((seq) => admission(seq, seq));
    expect(
      computeSaleReport({ record: record(inOrder), maxActive: 5, soldOutAt: null }).outOfOrder,
    ).toEqual({ count: 0, largestInPlaces: 0, largestInSeconds: 0 });

    // Buyer 4 is admitted 1 s after buyer 5, who joined behind it; buyer 2 is admitted 4 s
    // after buyer 3 and 3 places behind buyer 5.
    const faulty = [
      admission(1, 1),
      admission(3, 2),
      admission(5, 3),
      admission(4, 4),
      admission(2, 6),
    ];
    expect(
      computeSaleReport({ record: record(faulty), maxActive: 5, soldOutAt: null }).outOfOrder,
    ).toEqual({ count: 2, largestInPlaces: 3, largestInSeconds: 4 });
  });

  it("measures each wait from the join mark at or below the buyer's number, or the opening", () => {
    // Seqs 1-10 shuffled in at the opening (0 s); 11-30 joined from 5 s (one mark), 31- at 9 s.
    const entries = [
      join(1, 0),
      join(11, 5),
      join(31, 9),
      ...Array.from({ length: 10 }, (_, index) => admission(index + 1, 10)),
      ...Array.from({ length: 20 }, (_, index) => admission(index + 11, 20)),
      ...Array.from({ length: 70 }, (_, index) => admission(index + 31, 30)),
    ];
    const { waitSeconds } = computeSaleReport({
      record: record(entries),
      maxActive: 100,
      soldOutAt: null,
    });
    // 10 waited 10 s, 20 waited 15 s, 70 waited 21 s.
    expect(waitSeconds).toEqual({ p50: 21, p90: 21, p99: 21, max: 21 });
    const early = computeSaleReport({
      record: record(entries.slice(0, 3 + 30)),
      maxActive: 100,
      soldOutAt: null,
    });
    expect(early.waitSeconds).toEqual({ p50: 15, p90: 15, p99: 15, max: 15 });
    expect(
      computeSaleReport({ record: record(entries.slice(0, 13)), maxActive: 1, soldOutAt: null })
        .waitSeconds,
    ).toEqual({ p50: 10, p90: 10, p99: 10, max: 10 });
  });

  it("gives the general sale's round after a presale, and none without one", () => {
    const generalAt = opened + 3_600_000;
    const report = computeSaleReport({
      record: {
        ...record([], { shuffled: 12, "shuffled:general": 5 }),
        generalOpenedAt: generalAt,
      },
      maxActive: 5,
      soldOutAt: null,
    });
    expect(report).toMatchObject({
      preQueued: 12,
      generalSale: { openedAt: new Date(generalAt), preQueued: 5 },
    });
    expect(
      computeSaleReport({ record: record([]), maxActive: 5, soldOutAt: null }).generalSale,
    ).toBeNull();
  });

  it("says when the record is incomplete, and has no sold-out time before the opening", () => {
    const report = computeSaleReport({
      record: {
        counters: { recordDropped: 4 },
        openedAt: null,
        generalOpenedAt: null,
        entries: [],
      },
      maxActive: null,
      soldOutAt: new Date(opened),
    });
    expect(report).toMatchObject({
      recordComplete: false,
      soldOutAfterSeconds: null,
      openedAt: null,
    });
  });
});
