import type { QueueStanding } from "@ticketping/common/queue";
import type { PlaceObserver } from "../buyer/context";

/** A waiting buyer whose place got worse without its leaving. */
export interface LostPlace {
  userId: string;
  /** What showed it, e.g. `seq 120 -> 845` or `admitted, then waiting again`. */
  how: string;
  atMs: number;
}

interface Known {
  status: QueueStanding["status"];
  seq?: number;
  position?: number;
  left: boolean;
}

/**
 * Follows every answer the queue gave each buyer about its place (joins, joins again after
 * a dropped socket, status checks after each fault). The line is strict FIFO: while a
 * buyer stays in it, its sequence number never changes and its exact position never grows
 * (only buyers ahead leave or get in). An admitted buyer put back in line, a place taken
 * away, a new number or a larger position is a lost place, unless the buyer had left.
 */
export class PlaceTracker implements PlaceObserver {
  readonly lost: LostPlace[] = [];
  /** Buyers whose socket dropped while waiting and who have not joined again yet. */
  readonly awaitingRejoin = new Set<string>();
  rejoins = 0;
  statusChecks = 0;
  drops = 0;
  private readonly known = new Map<string, Known>();

  constructor(private readonly now: () => number) {}

  standing(userId: string, standing: QueueStanding, how: "join" | "rejoin" | "status"): void {
    const before = this.known.get(userId);
    if (how === "rejoin") {
      this.rejoins++;
      this.awaitingRejoin.delete(userId);
    }
    if (how === "status") this.statusChecks++;
    if (before?.left) return;
    const after: Known = { status: standing.status, left: false };
    if (standing.status === "waiting") {
      after.seq = standing.seq;
      after.position = standing.position;
    }
    if (before) {
      const problem = worse(before, after);
      if (problem) this.lost.push({ userId, how: problem, atMs: this.now() });
    }
    this.known.set(userId, after);
  }

  missing(userId: string, code: string): void {
    if (this.known.get(userId)?.left) return;
    this.lost.push({ userId, how: `not in the line any more (${code})`, atMs: this.now() });
  }

  dropped(userId: string): void {
    this.drops++;
    this.awaitingRejoin.add(userId);
  }

  left(userId: string): void {
    const known = this.known.get(userId);
    if (known) known.left = true;
    else this.known.set(userId, { status: "waiting", left: true });
    this.awaitingRejoin.delete(userId);
  }
}

function worse(before: Known, after: Known): string | undefined {
  const admitted = (status: QueueStanding["status"]) =>
    status === "admitted" || status === "active";
  if (admitted(before.status) && after.status === "waiting") {
    return `${before.status}, then waiting again at seq ${after.seq ?? "?"}`;
  }
  if (before.status !== "waiting" || after.status !== "waiting") return undefined;
  if (before.seq !== after.seq) return `seq ${before.seq ?? "?"} -> ${after.seq ?? "?"}`;
  if ((after.position ?? 0) > (before.position ?? 0)) {
    return `position ${before.position ?? "?"} -> ${after.position ?? "?"} at seq ${after.seq ?? "?"}`;
  }
  return undefined;
}
