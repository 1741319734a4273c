import type { QueueSnapshot } from "@ticketping/common/queue/store";
import {
  collectDefaultMetrics,
  counter,
  gauge,
  histogram,
  Registry,
  type Counter,
  type Histogram,
} from "@ticketping/common/metrics";

export interface QueueMetrics {
  registry: Registry;
  joins: Counter<"outcome">;
  admissions: Counter;
  refusals: Counter<"reason">;
  releases: Counter<"reason">;
  tickDuration: Histogram;
  joinBatchSize: Histogram;
  broadcastDuration: Histogram;
  requestErrors: Counter<"event" | "code">;
}

/**
 * Counters are per instance (Prometheus sums them); the queue gauges are read from Redis
 * at scrape time, so every instance reports the same true figures (take max, not sum).
 * One registry per service instance: tests run several instances in one process.
 */
export function createQueueMetrics(options: {
  connectedSockets: () => number;
  liveQueueStats: () => Promise<QueueSnapshot[]>;
}): QueueMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // A scrape calls every gauge's collect at once: they share the one read in flight.
  let inFlight: Promise<QueueSnapshot[]> | undefined;
  const liveStats = (): Promise<QueueSnapshot[]> => {
    inFlight ??= options.liveQueueStats().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const queueGauge = (name: string, help: string, pick: (stats: QueueSnapshot) => number | null) =>
    gauge(registry, {
      name,
      help,
      labelNames: ["performance"],
      async collect() {
        const all = await liveStats();
        this.reset();
        for (const stats of all) {
          const value = pick(stats);
          if (value !== null) this.set({ performance: stats.performanceId }, value);
        }
      },
    });
  // Both pre-queues: the opening's, and the general sale's after a presale (buyers without
  // a code). Waiting minus pre-queued is then the line the ticker admits from, which the
  // QueueNotAdvancing alert relies on: a general pre-queue waits in an open sale by design.
  const preQueued = (progress: NonNullable<QueueSnapshot["progress"]>) =>
    progress.preQueued + progress.generalPreQueued;
  queueGauge(
    "ticketping_queue_waiting",
    "Buyers waiting in line, both pre-queues included",
    (stats) => (stats.progress ? stats.progress.waiting + preQueued(stats.progress) : 0),
  );
  queueGauge(
    "ticketping_queue_prequeued",
    "Buyers in a pre-queue: the opening's before the sale opens, the general sale's during a presale",
    (stats) => (stats.progress ? preQueued(stats.progress) : 0),
  );
  queueGauge(
    "ticketping_queue_active",
    "Buyers in the working set",
    (stats) => stats.progress?.active ?? 0,
  );
  queueGauge(
    "ticketping_queue_max_active",
    "Size of the working set the organizer allows",
    (stats) => stats.progress?.maxActive ?? null,
  );
  queueGauge(
    "ticketping_queue_admission_pace",
    "Admissions per second allowed now: the pace controller's, at most the organizer's rate",
    (stats) => stats.admissionPacePerSec ?? null,
  );
  queueGauge(
    "ticketping_queue_sale_open",
    "1 while the sale is open (buyers are being admitted), else 0",
    (stats) => (stats.progress ? Number(stats.progress.phase === "open") : null),
  );
  // A general round the organizer moved later waits for its new instant with everyone
  // behind it: an open sale with room that admits nobody, by design, which the
  // QueueNotAdvancing alert leaves out. Only from when admission reached it: the presale's
  // buyers ahead are still admitted until then, and a line stuck then must still alert.
  queueGauge(
    "ticketping_queue_paused",
    "1 while admissions wait at a general sale's round moved later (nobody waiting ahead of pausedFromSeq), else 0",
    (stats) => (stats.progress ? Number(stats.paused === true) : null),
  );
  queueGauge(
    "ticketping_queue_admitted_since_open",
    "Buyers admitted since the queue began, from Redis (all instances together)",
    (stats) => stats.progress?.admittedTotal ?? null,
  );
  gauge(registry, {
    name: "ticketping_queue_sockets",
    help: "Sockets connected to this instance",
    collect() {
      this.set(options.connectedSockets());
    },
  });

  return {
    registry,
    joins: counter(registry, {
      name: "ticketping_queue_joins_total",
      help: "Accepted joins by outcome (waiting, pre, admitted, rejoined)",
      labelNames: ["outcome"],
    }),
    admissions: counter(registry, {
      name: "ticketping_queue_admissions_total",
      help: "Buyers admitted to the working set by this instance",
    }),
    refusals: counter(registry, {
      name: "ticketping_queue_refusals_total",
      help: "Joins refused at once, by reason",
      labelNames: ["reason"],
    }),
    releases: counter(registry, {
      name: "ticketping_queue_releases_total",
      help: "Working slots freed by this instance, by reason",
      labelNames: ["reason"],
    }),
    tickDuration: histogram(registry, {
      name: "ticketping_queue_tick_duration_seconds",
      help: "Time to advance every live queue once",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    }),
    joinBatchSize: histogram(registry, {
      name: "ticketping_queue_join_batch_size",
      help: "Buyers per join script call: joins of one sale made at once share a call",
      buckets: [1, 2, 4, 8, 16, 32, 64],
    }),
    broadcastDuration: histogram(registry, {
      name: "ticketping_queue_progress_broadcast_duration_seconds",
      help: "Time to hand one progress broadcast to every local socket of its queue",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
    requestErrors: counter(registry, {
      name: "ticketping_queue_request_errors_total",
      help: "Client requests answered with an error, by event and code",
      labelNames: ["event", "code"],
    }),
  };
}
