import type { Server } from "node:http";
import { Server as NetServer, type ListenOptions } from "node:net";
import type { Logger } from "@ticketping/common/logger";
import { intakeSchema, type ConnectionCount } from "./sibling-messages";

/** A failed listen (the port taken meanwhile) is tried again after this long. */
const RELISTEN_DELAY_MS = 1_000;
/**
 * A process told to step aside takes connections again after this long unless told again.
 * The primary hears nothing from a process whose event loop stalls, so the one process
 * left accepting could hold every new connection in the backlog for the whole stall; an
 * extra listener is always safe, and the primary sends it aside again if it is still over
 * its share.
 */
const ASIDE_AT_MOST_MS = 2_000;

export interface IntakeBalance {
  /** Open connections on the public port by worker id: this process's now, the others' as last heard. */
  counts: () => Map<string, number>;
  /** Whether this process takes connections from the shared socket now. */
  accepting: () => boolean;
  /** Stops balancing (shutdown), leaving the listening handle as it is. */
  stop: () => void;
}

/**
 * In one of several processes sharing the public socket (SCHED_NONE): counts this
 * process's connections and reports the count to the primary, and closes this process's
 * listening handle while the primary says it holds more than its share (steer-intake.ts),
 * or while it holds all it can (its open-file limit), listening again after. The socket
 * itself stays open while another process listens on it, so connections wait in its
 * backlog for a process that accepts. The kernel alone split bursts 125 / 25 and worse on
 * a loaded machine, and libuv's UV_TCP_SINGLE_ACCEPT (a pause after each accept) did no
 * better (9 / 141 of 150).
 */
export function balanceIntake(options: {
  http: Server;
  workerId: number;
  /** The options the process first listened with: other ones would bind a socket anew. */
  address: ListenOptions;
  /** Connections this process can hold at all. */
  capacity: number;
  logger: Logger;
}): IntakeBalance {
  const { http, logger } = options;
  const self = String(options.workerId);
  let own = 0;
  let others = new Map<string, number>();
  let told = true;
  let seq = 0;
  let stopped = false;
  let relistening = false;
  let reportQueued = false;
  let retryTimer: NodeJS.Timeout | undefined;
  let resumeTimer: NodeJS.Timeout | undefined;

  const report = () => {
    if (reportQueued) return;
    reportQueued = true;
    // One report per turn of the event loop however many connections it accepted.
    setImmediate(() => {
      reportQueued = false;
      const message: ConnectionCount = {
        type: "queue:connections",
        count: own,
        listening: http.listening,
        seq,
      };
      process.send?.(message);
    });
  };
  const relisten = () => {
    relistening = true;
    const done = () => {
      http.off("error", failed);
      relistening = false;
      apply();
      report();
    };
    const failed = (error: Error) => {
      http.off("listening", done);
      relistening = false;
      logger.error({ err: error }, "listening again on the public port failed; retrying");
      retryTimer = setTimeout(apply, RELISTEN_DELAY_MS);
    };
    http.once("error", failed);
    http.once("listening", done);
    http.listen(options.address);
  };
  function apply(): void {
    if (stopped || relistening) return;
    const accept = told && own < options.capacity;
    if (accept === http.listening) return;
    if (accept) {
      relisten();
    } else {
      // net's close, not http's: http's also closes idle keep-alive connections (a polling
      // buyer's) and stops the header timeouts, neither of which stepping aside should do.
      NetServer.prototype.close.call(http);
      report();
    }
    logger.debug({ own, others: Object.fromEntries(others), accept }, "intake changed");
  }

  http.on("connection", (socket) => {
    own += 1;
    socket.once("close", () => {
      own -= 1;
      apply();
      report();
    });
    apply();
    report();
  });
  const resumeOnOwn = () => {
    resumeTimer = undefined;
    told = true;
    apply();
    report();
  };
  const onMessage = (message: unknown) => {
    const intake = intakeSchema.safeParse(message);
    if (!intake.success) return;
    if (told !== intake.data.accept) {
      clearTimeout(resumeTimer);
      resumeTimer = intake.data.accept ? undefined : setTimeout(resumeOnOwn, ASIDE_AT_MOST_MS);
    }
    told = intake.data.accept;
    seq = intake.data.seq;
    others = new Map(Object.entries(intake.data.counts).filter(([id]) => id !== self));
    apply();
    // The primary counts on this process only once it heard that it acted on this message.
    report();
  };
  process.on("message", onMessage);
  // net emits "close" once a closed server's last connection has ended, and engine.io
  // takes that for the server's shutdown: it would end every session of this process,
  // relayed ones too. A process that stepped aside (or is full) is not shutting down;
  // shutting down, it stops balancing first.
  const emit = http.emit.bind(http);
  http.emit = ((event: string | symbol, ...args: unknown[]): boolean =>
    event === "close" && !stopped
      ? false
      : (Reflect.apply(emit, http, [event, ...args]) as boolean)) as typeof http.emit;
  // Created before the process's first listen, which counts as one in flight.
  relistening = !http.listening;
  http.once("listening", () => {
    relistening = false;
    apply();
    report();
  });

  return {
    counts: () => new Map([[self, own], ...others]),
    accepting: () => http.listening,
    stop: () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(resumeTimer);
      process.off("message", onMessage);
    },
  };
}
