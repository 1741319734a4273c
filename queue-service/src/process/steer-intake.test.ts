import { EventEmitter } from "node:events";
import type { Cluster, Worker } from "node:cluster";
import { describe, expect, it } from "vitest";
import type { Intake } from "./sibling-messages";
import { steerIntake } from "./steer-intake";

/** A primary's view of its processes: reports go in, intake messages are kept per process. */
function fakeCluster() {
  const cluster = new EventEmitter();
  const told = new Map<number, Intake[]>();
  const worker = (id: number) =>
    ({
      id,
      isConnected: () => true,
      send: (message: Intake) => {
        told.set(id, [...(told.get(id) ?? []), message]);
        return true;
      },
    }) as unknown as Worker;
  const workers = new Map<number, Worker>();
  steerIntake(cluster as unknown as Cluster);
  return {
    /** A process's report: its count, whether it listens, the last message it acted on. */
    report(id: number, count: number, listening: boolean, seq = lastSeq(id)) {
      const sender = workers.get(id) ?? worker(id);
      workers.set(id, sender);
      cluster.emit("message", sender, { type: "queue:connections", count, listening, seq });
    },
    exit(id: number) {
      cluster.emit("exit", workers.get(id));
    },
    /** What the process was last told: take connections or not. */
    accepts: (id: number) => told.get(id)?.at(-1)?.accept ?? true,
    lastSeq,
  };
  function lastSeq(id: number): number {
    return told.get(id)?.at(-1)?.seq ?? 0;
  }
}

describe("steerIntake", () => {
  it("sends a process over its share aside while another takes connections", () => {
    const primary = fakeCluster();
    primary.report(2, 10, true);
    primary.report(1, 100, true);
    expect(primary.accepts(1)).toBe(false);
    expect(primary.accepts(2)).toBe(true);
  });

  it("never sends the last listening process aside, even as the counts swap", () => {
    const primary = fakeCluster();
    primary.report(2, 10, true);
    primary.report(1, 100, true);
    primary.report(1, 100, false);
    // Process 2 now holds far more, but process 1 has not yet acted on being let back in.
    primary.report(2, 300, true);
    expect(primary.accepts(1)).toBe(true);
    expect(primary.accepts(2)).toBe(true);
    // Once it listens again, process 2 may step aside.
    primary.report(1, 100, true);
    expect(primary.accepts(2)).toBe(false);
  });

  it("lets a process that came back on its own in, then steers it afresh", () => {
    const primary = fakeCluster();
    primary.report(2, 10, true);
    primary.report(1, 100, true);
    primary.report(1, 100, false);
    const asideSeq = primary.lastSeq(1);
    // Its sibling stalled, say: it took connections again by itself (balance-intake.ts).
    primary.report(1, 101, true);
    expect(primary.lastSeq(1)).toBeGreaterThan(asideSeq);
    expect(primary.accepts(1)).toBe(false);
  });

  it("lets another process in when the only one taking connections closed its handle", () => {
    const primary = fakeCluster();
    primary.report(2, 10, true);
    primary.report(1, 100, true);
    primary.report(1, 100, false);
    expect(primary.accepts(1)).toBe(false);
    // Process 2 reached its open-file limit and closed its handle by itself.
    primary.report(2, 10, false);
    expect(primary.accepts(1)).toBe(true);
  });

  it("lets the others in when the one taking connections exits", () => {
    const primary = fakeCluster();
    primary.report(3, 10, true);
    primary.report(2, 100, true);
    primary.report(1, 100, true);
    primary.report(1, 100, false);
    primary.report(2, 100, false);
    expect([primary.accepts(1), primary.accepts(2)]).toEqual([false, false]);
    primary.exit(3);
    expect([primary.accepts(1), primary.accepts(2)]).toEqual([true, true]);
  });
});
