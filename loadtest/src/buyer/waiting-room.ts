import type {
  QueueProgress,
  QueueStanding,
  ReleasedNotice,
  WorkingTokenGrant,
} from "@ticketping/common/queue";
import { QueueConnection } from "../clients/queue-connection";
import { errorCode, StepError } from "../clients/step-error";
import type { Recorder } from "../metrics/recorder";
import type { StepName } from "../metrics/steps";
import { sleep } from "../sleep";
import type { BuyerContext, BuyerIdentity } from "./context";
import type { BuyerPlan } from "./plan";

/** Join refusals the queue answers at once; anything else is an error. */
const refusals = new Set(["SOLD_OUT", "LINE_FULL", "SALE_CLOSED", "NOT_OPEN_YET"]);
/** A buyer whose socket keeps dropping stops trying after this many fresh connections. */
const MAX_RECONNECTS = 3;
/** servedSeq passed ours but no queue:admitted arrived: ask once this long after. */
const MISSED_ADMISSION_CHECK_MS = 2_000;

export type VisitResult =
  | { kind: "admitted"; grant: WorkingTokenGrant }
  | { kind: "refused"; code: string }
  | { kind: "sold-out" }
  | { kind: "abandoned" };

/**
 * A buyer's first way through the front door (ticket if any, connect, join) ends with the
 * join's answer: a place, or a refusal the line gives at once (LINE_FULL...), which is the
 * door working too. Anything else is a failure, under the step's code.
 */
function recordFrontDoorFailure(recorder: Recorder, error: unknown, startedAt: number): void {
  if (error instanceof StepError && refusals.has(error.code)) {
    recorder.ok("front-door", startedAt, recorder.now());
  } else {
    recorder.fail("front-door", errorCode(error));
  }
}

type WaitResult = "admitted" | "sold-out" | "closed" | "abandon" | "dropped";

interface Handlers {
  progress?: (progress: QueueProgress) => void;
  admitted?: () => void;
  dropped?: () => void;
}

/**
 * One buyer's time in the waiting room, following the queue service's client loop: a
 * ticket from the web app, a socket, `queue:join`, wait for `queue:admitted` while
 * following progress, then `queue:claim`. A dropped socket comes back with a fresh ticket
 * and joins again (keeping its place), as the page does.
 */
export class WaitingRoomVisit {
  private connection: QueueConnection | undefined;
  private handlers: Handlers = {};
  /** queue:admitted can arrive in the same read as the join's ack, before anyone waits. */
  private admittedSeen = false;
  private releasedNotice: { notice: ReleasedNotice; atMs: number } | undefined;
  private onReleased: (() => void) | undefined;

  constructor(
    private readonly ctx: BuyerContext,
    private readonly buyer: BuyerIdentity,
    private readonly plan: BuyerPlan,
    private readonly step: <T>(name: StepName, run: () => Promise<T>) => Promise<T>,
  ) {}

  async enter(): Promise<VisitResult> {
    const { recorder, performanceId, persistence, places, signal } = this.ctx;
    const { userId } = this.buyer;
    const maxReconnects = persistence?.maxReconnects ?? MAX_RECONNECTS;
    const joinedAt = recorder.now();
    for (let reconnects = 0; ; reconnects++) {
      if (reconnects > maxReconnects) {
        throw new StepError("SOCKET_DROPPED", "the queue socket kept dropping");
      }
      if (reconnects > 0 && persistence) await sleep(persistence.retryDelayMs, signal);
      let connection: QueueConnection;
      let standing: QueueStanding;
      const doorOpenedAt = recorder.now();
      const firstEntry = reconnects === 0;
      try {
        connection = await this.connect();
        standing = await this.step("join", () => connection.join(performanceId));
        if (firstEntry) recorder.ok("front-door", doorOpenedAt, recorder.now());
      } catch (error) {
        if (firstEntry) recordFrontDoorFailure(recorder, error, doorOpenedAt);
        if (error instanceof StepError && refusals.has(error.code)) {
          return error.code === "SOLD_OUT"
            ? { kind: "sold-out" }
            : { kind: "refused", code: error.code };
        }
        if (this.retryable(error)) continue;
        throw error;
      }
      places?.standing(userId, standing, reconnects === 0 ? "join" : "rejoin");
      if (standing.status === "waiting" || standing.status === "pre") {
        const seq = standing.status === "waiting" ? standing.seq : undefined;
        const waited = await this.waitForTurn(connection, seq, joinedAt);
        if (waited === "dropped") {
          places?.dropped(userId);
          continue;
        }
        if (waited === "sold-out") return { kind: "sold-out" };
        if (waited === "closed") return { kind: "refused", code: "SALE_CLOSED" };
        if (waited === "abandon") {
          places?.left(userId);
          await this.abandon(connection);
          return { kind: "abandoned" };
        }
      }
      recorder.queueWait(recorder.now() - joinedAt);
      const grant = await this.step("claim", () => connection.claim(performanceId));
      return { kind: "admitted", grant };
    }
  }

  /** A failure that a persistent buyer meets by coming back with a fresh connection. */
  private retryable(error: unknown): boolean {
    const codes = this.ctx.persistence?.retryableCodes;
    return (
      codes !== undefined &&
      !this.ctx.signal.aborted &&
      error instanceof StepError &&
      codes.has(error.code)
    );
  }

  /** Gives the working slot back (a buyer who is done without buying). */
  async leave(): Promise<void> {
    const connection = this.connection;
    if (!connection?.connected) return;
    await this.step("leave", () => connection.leave(this.ctx.performanceId));
  }

  /** The notice that the slot ended and when it came, or undefined after `timeoutMs`. */
  async released(timeoutMs: number): Promise<{ notice: ReleasedNotice; atMs: number } | undefined> {
    if (this.releasedNotice) return this.releasedNotice;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.onReleased = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.onReleased = () => {
        clearTimeout(timer);
        resolve(this.releasedNotice);
      };
    });
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  private async connect(): Promise<QueueConnection> {
    this.close();
    this.admittedSeen = false;
    const { ackTimeoutMs, signal, observeWorkingSet, localAddress } = this.ctx;
    const entry = await this.entry();
    this.connection = await this.step("connect", () =>
      QueueConnection.open({
        ...entry,
        ackTimeoutMs,
        signal,
        localAddress,
        listeners: {
          progress: (progress) => {
            observeWorkingSet(progress.active);
            this.handlers.progress?.(progress);
          },
          admitted: () => {
            this.admittedSeen = true;
            this.handlers.admitted?.();
          },
          released: (notice) => {
            this.releasedNotice = { notice, atMs: this.ctx.recorder.now() };
            this.onReleased?.();
          },
          dropped: () => this.handlers.dropped?.(),
        },
      }),
    );
    return this.connection;
  }

  /** Where and how the socket enters: the session door, or with a fresh ticket. */
  private async entry(): Promise<{
    url: string;
    auth: { ticket: string } | { performanceId: string };
    cookie?: string;
  }> {
    const { web, signal, performanceId, door } = this.ctx;
    if (door?.kind === "session") {
      // The socket takes the session cookie itself: no ticket request to the web app.
      return { url: door.queueUrl, auth: { performanceId }, cookie: this.buyer.cookie };
    }
    const ticket = await this.step("ticket", () =>
      web.queueTicket(this.buyer, performanceId, signal),
    );
    return { url: ticket.queueUrl, auth: { ticket: ticket.ticket } };
  }

  private waitForTurn(
    connection: QueueConnection,
    seq: number | undefined,
    joinedAt: number,
  ): Promise<WaitResult> {
    const { signal, performanceId, recorder, checkpoints, places } = this.ctx;
    const { userId } = this.buyer;
    return new Promise<WaitResult>((resolve, reject) => {
      const timers: NodeJS.Timeout[] = [];
      let checking = false;
      const settle = (finish: () => void) => {
        for (const timer of timers) clearTimeout(timer);
        this.handlers = {};
        signal.removeEventListener("abort", onAbort);
        checkpoints?.removeEventListener("checkpoint", onCheckpoint);
        finish();
      };
      const done = (result: WaitResult) => {
        settle(() => {
          resolve(result);
        });
      };
      const onAbort = () => {
        settle(() => {
          reject(new StepError("ABORTED", "run stopped while waiting"));
        });
      };
      // Admission is strict FIFO: once the served sequence passes ours, we were admitted
      // (or dropped). If no queue:admitted came, ask; a miss is counted as an error.
      const checkMissedAdmission = () => {
        connection.status(performanceId).then(
          (standing) => {
            checking = false;
            if (standing.status === "admitted" || standing.status === "active") {
              recorder.fail("join", "ADMITTED_EVENT_MISSED");
              done("admitted");
            }
          },
          () => {
            checking = false;
          },
        );
      };
      // Asked from outside (after a fault): the exact place, as a reload would show it.
      const onCheckpoint = () => {
        connection.status(performanceId).then(
          (standing) => {
            places?.standing(userId, standing, "status");
          },
          (error: unknown) => {
            if (error instanceof StepError && error.code === "NOT_IN_QUEUE") {
              places?.missing(userId, error.code);
            }
          },
        );
      };
      checkpoints?.addEventListener("checkpoint", onCheckpoint);
      this.handlers = {
        admitted: () => {
          done("admitted");
        },
        dropped: () => {
          done("dropped");
        },
        progress: (progress) => {
          if (progress.phase === "sold_out") done("sold-out");
          else if (progress.phase === "closed") done("closed");
          else if (seq !== undefined && progress.servedSeq >= seq && !checking) {
            checking = true;
            timers.push(setTimeout(checkMissedAdmission, MISSED_ADMISSION_CHECK_MS));
          }
        },
      };
      if (this.plan.intent === "abandon") {
        const remaining = this.plan.abandonAfterMs - (recorder.now() - joinedAt);
        timers.push(
          setTimeout(() => {
            done("abandon");
          }, remaining),
        );
      }
      if (signal.aborted) onAbort();
      else if (this.admittedSeen) done("admitted");
      else signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  private async abandon(connection: QueueConnection): Promise<void> {
    if (this.plan.abandonBy === "leave") {
      await this.step("leave", () => connection.leave(this.ctx.performanceId));
    }
    this.close();
  }
}
