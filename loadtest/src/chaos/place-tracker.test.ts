import { describe, expect, it } from "vitest";
import type { QueueProgress, QueueStanding } from "@ticketping/common/queue";
import { PlaceTracker } from "./place-tracker";

const progress = {} as QueueProgress;
const waiting = (seq: number, position: number): QueueStanding => ({
  status: "waiting",
  performanceId: "p",
  seq,
  position,
  rejoined: true,
  progress,
});
const admitted: QueueStanding = {
  status: "admitted",
  performanceId: "p",
  claimBy: 0,
  rejoined: true,
  progress,
};

describe("PlaceTracker", () => {
  it("keeps a place that only moves forward, through a drop and a join again", () => {
    const places = new PlaceTracker(() => 0);
    places.standing("u", waiting(7, 5), "join");
    places.dropped("u");
    expect(places.awaitingRejoin.has("u")).toBe(true);
    places.standing("u", waiting(7, 3), "rejoin");
    places.standing("u", waiting(7, 3), "status");
    places.standing("u", admitted, "status");
    expect(places.lost).toEqual([]);
    expect(places.awaitingRejoin.size).toBe(0);
    expect([places.drops, places.rejoins, places.statusChecks]).toEqual([1, 1, 2]);
  });

  it("a new number, a larger position, a slot taken back or a vanished place is lost", () => {
    const cases: [QueueStanding, QueueStanding | "missing"][] = [
      [waiting(7, 5), waiting(90, 80)],
      [waiting(7, 5), waiting(7, 6)],
      [admitted, waiting(95, 90)],
      [waiting(7, 5), "missing"],
    ];
    for (const [first, then] of cases) {
      const places = new PlaceTracker(() => 0);
      places.standing("u", first, "join");
      if (then === "missing") places.missing("u", "NOT_IN_QUEUE");
      else places.standing("u", then, "rejoin");
      expect(places.lost).toHaveLength(1);
    }
  });

  it("whatever happens after the buyer left is its own doing", () => {
    const places = new PlaceTracker(() => 0);
    places.standing("u", waiting(7, 5), "join");
    places.left("u");
    places.standing("u", waiting(99, 90), "status");
    places.missing("u", "NOT_IN_QUEUE");
    expect(places.lost).toEqual([]);
  });
});
