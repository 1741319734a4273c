import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { QueueStats } from "@ticketping/common/queue/store";

export interface QueueMetrics {
  registry: Registry;
  joins: Counter<"outcome">;
  admissions: Counter;
  refusals: Counter<"reason">;
  releases: Counter<"reason">;
  tickDuration: Histogram;
  broadcastDuration: Histogram;
  requestErrors: Counter<"event" | "code">;
}

/**
 * Counters are per instance (Prometheus sums them); waiting and active are read from
 * Redis at scrape time, so every instance reports the same true figures.
 */
export function createQueueMetrics(options: {
  connectedSockets: () => number;
  liveQueueStats: () => Promise<QueueStats[]>;
}): QueueMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const queueGauge = (name: string, help: string, pick: (stats: QueueStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["performance"],
      registers,
      async collect() {
        const all = await options.liveQueueStats();
        this.reset();
        for (const stats of all) this.set({ performance: stats.performanceId }, pick(stats));
      },
    });
  queueGauge("ticketping_queue_waiting", "Buyers waiting in line (pre-queue included)", (stats) =>
    stats.progress ? stats.progress.waiting + stats.progress.preQueued : 0,
  );
  queueGauge(
    "ticketping_queue_active",
    "Buyers in the working set",
    (stats) => stats.progress?.active ?? 0,
  );
  new Gauge({
    name: "ticketping_queue_sockets",
    help: "Sockets connected to this instance",
    registers,
    collect() {
      this.set(options.connectedSockets());
    },
  });

  return {
    registry,
    joins: new Counter({
      name: "ticketping_queue_joins_total",
      help: "Accepted joins by outcome (waiting, pre, admitted, rejoined)",
      labelNames: ["outcome"],
      registers,
    }),
    admissions: new Counter({
      name: "ticketping_queue_admissions_total",
      help: "Buyers admitted to the working set by this instance",
      registers,
    }),
    refusals: new Counter({
      name: "ticketping_queue_refusals_total",
      help: "Joins refused at once, by reason",
      labelNames: ["reason"],
      registers,
    }),
    releases: new Counter({
      name: "ticketping_queue_releases_total",
      help: "Working slots freed by this instance, by reason",
      labelNames: ["reason"],
      registers,
    }),
    tickDuration: new Histogram({
      name: "ticketping_queue_tick_duration_seconds",
      help: "Time to advance every live queue once",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    broadcastDuration: new Histogram({
      name: "ticketping_queue_progress_broadcast_duration_seconds",
      help: "Time to hand one progress broadcast to every local socket of its queue",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
    requestErrors: new Counter({
      name: "ticketping_queue_request_errors_total",
      help: "Client requests answered with an error, by event and code",
      labelNames: ["event", "code"],
      registers,
    }),
  };
}
