import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paymentCompleted } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { closeRedis, createRedis } from "@ticketping/common/redis";
import {
  deleteKeysMatching,
  freePort,
  startPrivateBroker,
  type PrivateBroker,
} from "@ticketping/common/testing";
import { env } from "../src/env";
import { readDashboardQueries } from "../src/monitoring/dashboard-queries";
import {
  startDiscordReceiver,
  type AlertNotification,
  type DiscordReceiver,
} from "../src/monitoring/discord-receiver";
import { PrometheusApi } from "../src/monitoring/prometheus-api";
import { runPurchases } from "../src/monitoring/run-purchases";
import { startMonitoring, type RunningMonitoring } from "../src/monitoring/start-monitoring";
import { findServiceTraces, findTraces, type StoredSpan } from "../src/monitoring/zipkin-traces";
import { loadTestOptionsSchema } from "../src/options";
import { seedSale, type SeededSale } from "../src/seed/seed-sale";
import { startSystem, type RunningSystem } from "../src/system/start-system";

/**
 * The monitoring of `npm run services -- up --monitoring` (scripts/monitoring.sh: Debian's
 * Prometheus and Alertmanager, Zipkin's jar) on the real system: the built web app, the
 * queue service and the worker, a few buyers through the waiting room to a payment, and
 * real faults. Its own Kafka (stopped here) and its own ports: nothing shared is touched.
 * The rules and Alertmanager's timers are the repository's, every duration 30 times
 * shorter (scripts/monitoring.sh renders them from the same files); Prometheus scrapes
 * every 5 s. Alerts go through Alertmanager's Discord receiver to a local stand-in for
 * Discord that checks the webhook format. Needs `npm run build -w @ticketping/web`.
 */
const TIME_SCALE = 30;
const SCRAPE_SECONDS = 5;
const HOLD_TTL_SECONDS = 300;
const options = loadTestOptionsSchema.parse({
  buyers: 6,
  seats: 50,
  maxActive: 20,
  holdTtl: HOLD_TTL_SECONDS,
});
const startedAt = Date.now();
const runId = randomBytes(4).toString("hex");
const logger = createLogger({ name: "monitoring-test", level: "warn" });

let stateDir: string | undefined;
let discord: DiscordReceiver;
let kafka: PrivateBroker | undefined;
let monitoring: RunningMonitoring | undefined;
let system: RunningSystem | undefined;
let sale: SeededSale | undefined;
let prometheus: PrometheusApi;
let firstReservation: string | undefined;

function running<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} did not start`);
  return value;
}

/** Polls until `check` returns a value (not undefined); fails with `what` at the timeout. */
async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first notification of `alertname` with `status` received after `since`. */
function notified(
  alertname: string,
  status: AlertNotification["status"],
  since: number,
  timeoutMs: number,
): Promise<AlertNotification> {
  return eventually(
    `${alertname} ${status} in Discord`,
    () =>
      discord.notifications.find(
        (entry) =>
          entry.alertname === alertname && entry.status === status && entry.receivedAt >= since,
      ),
    timeoutMs,
  );
}

beforeAll(async () => {
  discord = await startDiscordReceiver();
  stateDir = await mkdtemp(path.join(tmpdir(), "ticketping-monitoring-"));
  const [webPort, queueServicePort, workerPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const metricsToken = randomBytes(24).toString("hex");
  const [broker, tools] = await Promise.allSettled([
    startPrivateBroker(),
    startMonitoring({
      stateDir: path.join(stateDir, "monitoring"),
      targets: { webPort, queueServicePort, workerPort, metricsToken },
      discordWebhookUrl: discord.url,
      timeScale: TIME_SCALE,
      scrapeIntervalSeconds: SCRAPE_SECONDS,
    }),
  ]);
  if (broker.status === "fulfilled") kafka = broker.value;
  if (tools.status === "fulfilled") monitoring = tools.value;
  if (broker.status === "rejected") throw broker.reason;
  if (tools.status === "rejected") throw tools.reason;
  const { address: brokers } = running(kafka, "Kafka");
  const { zipkinEndpoint, prometheusUrl } = running(monitoring, "monitoring");
  prometheus = new PrometheusApi(prometheusUrl);

  const observed = {
    METRICS_TOKEN: metricsToken,
    OTEL_EXPORTER_ZIPKIN_ENDPOINT: zipkinEndpoint,
    KAFKA_BROKERS: brokers,
  };
  system = await startSystem({
    options,
    runId,
    webPort,
    overrides: {
      web: observed,
      "queue-service": { ...observed, QUEUE_SERVICE_PORT: String(queueServicePort) },
      worker: { ...observed, WORKER_HEALTH_PORT: String(workerPort) },
    },
  });
  sale = await seedSale(system.database.prisma, options);
}, 240_000);

afterAll(async () => {
  const redis = createRedis({ url: env.REDIS_URL, connectionName: `monitoring-${runId}` });
  try {
    if (system && sale) {
      await deleteKeysMatching(redis, [`${system.keyPrefix}*`, `*{sch:${sale.scheduleId}}*`]).catch(
        () => undefined,
      );
    }
  } finally {
    await closeRedis(redis);
  }
  // The processes flush their last spans on the way out, so the tools stop after them.
  await system?.stop();
  await monitoring?.stop();
  await kafka?.remove();
  await discord.close();
  if (stateDir) await rm(stateDir, { recursive: true, force: true }).catch(() => undefined);
  if (discord.rejected.length > 0) {
    throw new Error(`calls that were not Discord's format:\n${discord.rejected.join("\n")}`);
  }
}, 120_000);

describe("monitoring on the real tools", () => {
  it("Prometheus scrapes web, queue-service and worker", async () => {
    const targets = await eventually(
      "web, queue-service and worker up in Prometheus",
      async () => {
        const byJob = await prometheus.targets();
        const jobs = ["web", "queue-service", "worker"];
        return jobs.every((job) => byJob[job]?.length === 1 && byJob[job][0]?.health === "up")
          ? byJob
          : undefined;
      },
      60_000,
    );
    expect(Object.keys(targets)).toEqual(
      expect.arrayContaining(["web", "queue-service", "worker", "prometheus"]),
    );
    const up = await prometheus.query('up{job=~"web|queue-service|worker"} == 1');
    expect(up.map((series) => series.metric.job).sort()).toEqual([
      "queue-service",
      "web",
      "worker",
    ]);
  }, 90_000);

  it("one purchase is one trace in Zipkin across web, worker and queue-service, found by its reservation id", async () => {
    const results = await runPurchases({
      system: running(system, "the system"),
      sale: running(sale, "the sale"),
      buyers: 3,
      label: `${runId}-a`,
      timeLimitSeconds: 90,
      holdTtlSeconds: HOLD_TTL_SECONDS,
    });
    const purchased = results.filter((result) => result.outcome === "purchased");
    expect(purchased.map((result) => result.outcome)).toEqual([
      "purchased",
      "purchased",
      "purchased",
    ]);
    const reservationId = purchased[0]?.reservationId;
    if (!reservationId) throw new Error("no reservation id");
    firstReservation = reservationId;

    const zipkinUrl = running(monitoring, "monitoring").zipkinUrl;
    const isPayment = (span: StoredSpan) => span.name === `process ${paymentCompleted.topic}`;
    const services = (trace: StoredSpan[]) =>
      new Set(trace.map((span) => span.localEndpoint?.serviceName));
    // Each process exports its spans every second: the trace is complete once it has its
    // root, every span's parent, and the queue service's span of the confirmation (the
    // last hop).
    const complete = (trace: StoredSpan[]) => {
      const ids = new Set(trace.map((span) => span.id));
      return (
        trace.some((span) => !span.parentId) &&
        trace.every((span) => !span.parentId || ids.has(span.parentId)) &&
        services(trace).has("queue-service")
      );
    };
    let lastSeen: StoredSpan[][] = [];
    const trace = await eventually(
      "the purchase's trace in Zipkin",
      async () => {
        const traces = await findTraces(zipkinUrl, {
          key: "messaging.kafka.message.key",
          value: reservationId,
        });
        const paid = traces.filter((each) => each.some(isPayment));
        lastSeen = paid;
        return paid.length === 1 && paid[0] && complete(paid[0]) ? paid[0] : undefined;
      },
      30_000,
    ).catch(async (error: unknown) => {
      const known = await fetch(`${zipkinUrl}/api/v2/services`).then((answer) => answer.text());
      const seen = lastSeen.map((each) =>
        each.map(
          (span) =>
            `${span.localEndpoint?.serviceName ?? "?"}: ${span.name ?? "?"} ${span.id} <- ${span.parentId ?? "root"}`,
        ),
      );
      throw new Error(`services in Zipkin: ${known}; traces: ${JSON.stringify(seen)}`, {
        cause: error,
      });
    });

    expect(services(trace)).toEqual(new Set(["web", "worker", "queue-service"]));
    expect(new Set(trace.map((span) => span.traceId)).size).toBe(1);
    // One tree: one root (web's request), every other span's parent in the trace.
    const roots = trace.filter((span) => !span.parentId);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.localEndpoint?.serviceName).toBe("web");
    const ids = new Set(trace.map((span) => span.id));
    expect(trace.filter((span) => span.parentId && !ids.has(span.parentId))).toEqual([]);
    const spanNames = trace.map((span) => span.name);
    expect(spanNames).toEqual(
      expect.arrayContaining([
        `send ${paymentCompleted.topic}`,
        `process ${paymentCompleted.topic}`,
        "send ticketping.reservation.confirmed",
        "process ticketping.reservation.confirmed",
      ]),
    );
    // The confirmation frees the buyer's slot in the queue service (the worker's mail group
    // reads it too, for the ticket mail).
    const confirmations = trace.filter(
      (span) => span.name === "process ticketping.reservation.confirmed",
    );
    expect(confirmations.map((span) => span.localEndpoint?.serviceName)).toContain("queue-service");
  }, 150_000);

  it("keeps Prometheus's scrapes of web out of Zipkin, and traces its other requests", async () => {
    const zipkinUrl = running(monitoring, "monitoring").zipkinUrl;
    // By now Prometheus has scraped web every 5 s since the start, and buyers have paid.
    const up = await prometheus.query('up{job="web"}');
    expect(up.length).toBe(1);
    const spans = (await findServiceTraces(zipkinUrl, "web")).flat();
    const targets = spans
      .map((span) => span.tags?.["http.target"])
      .filter((target): target is string => target !== undefined);
    const names = [...new Set(spans.map((span) => span.name))].join(", ");
    expect(targets.length, `web's spans: ${names}`).toBeGreaterThan(0);
    expect(targets.filter((target) => target.startsWith("/api/metrics"))).toEqual([]);
  }, 30_000);

  it("every Prometheus panel of the Grafana dashboard shows data", async () => {
    // An anonymous request the web app refuses: what the errors panel counts.
    const refused = await fetch(`${running(system, "the system").webUrl}/api/me/reservations`);
    expect(refused.status).toBe(401);
    const panels = await readDashboardQueries({
      rangeSeconds: Math.ceil((Date.now() - startedAt) / 1_000) + 60,
      rateIntervalSeconds: 4 * SCRAPE_SECONDS,
    });
    expect(panels.length).toBeGreaterThan(15);
    let empty: string[] = [];
    // A rate or an increase needs two scrapes of a series: a few after the purchases.
    await eventually(
      "data in every panel",
      async () => {
        empty = [];
        for (const { panel, queries } of panels) {
          const results = await Promise.all(queries.map((query) => prometheus.query(query)));
          if (results.every((result) => result.length === 0)) empty.push(panel);
        }
        return empty.length === 0 ? true : undefined;
      },
      45_000,
    ).catch(async (error: unknown) => {
      const names = await prometheus.query(
        'count by (__name__, job) (last_over_time({__name__=~"ticketping_.*"}[10m]))',
      );
      const seen = names.map((series) => `${series.metric.job}: ${series.metric.__name__}`);
      throw new Error(`panels without data: ${empty.join(", ")}; series: ${seen.join(", ")}`, {
        cause: error,
      });
    });
  }, 90_000);

  it("a poison message fires DeadLetterMessages and the worker stopped fires ServiceDown; both resolve", async () => {
    const current = running(system, "the system");
    const poisonedAt = Date.now();
    const producer = new EventPublisher(
      createKafka({
        brokers: [running(kafka, "Kafka").address],
        clientId: `monitoring-test-${runId}`,
        logger,
      }),
    );
    try {
      await producer.connect();
      // Not an event at all: the worker cannot decode it and parks it at once.
      await producer.publishRaw([
        { topic: paymentCompleted.topic, key: "poison", value: "{ not json" },
      ]);
    } finally {
      await producer.disconnect();
    }
    const poisoned = await notified("DeadLetterMessages", "firing", poisonedAt, 60_000);
    expect(poisoned.description).toContain(`${paymentCompleted.topic}.dlq`);

    const stoppedAt = Date.now();
    await current.stopWorker();
    const down = await notified("ServiceDown", "firing", stoppedAt, 60_000);
    expect(down.description).toContain("has not reached");
    const startedAgainAt = Date.now();
    await current.startWorker();
    // No more dead letters: the window passes and the alert ends.
    await notified("DeadLetterMessages", "resolved", poisoned.receivedAt, 90_000);
    await notified("ServiceDown", "resolved", startedAgainAt, 60_000);
  }, 240_000);

  it("Kafka stopped while payments arrive fires KafkaConsumerLagging; it resolves once Kafka is back", async () => {
    const current = running(system, "the system");
    const broker = running(kafka, "Kafka");
    const stoppedAt = Date.now();
    await broker.down();
    const buying = runPurchases({
      system: current,
      sale: running(sale, "the sale"),
      buyers: 3,
      label: `${runId}-b`,
      timeLimitSeconds: 180,
      holdTtlSeconds: HOLD_TTL_SECONDS,
    });
    let results: Awaited<typeof buying> | undefined;
    try {
      // Not scaled: the outbox branch wants an event older than 30 s before its (scaled) wait.
      const lagging = await notified("KafkaConsumerLagging", "firing", stoppedAt, 180_000);
      expect(lagging.description).toContain("outbox");
    } finally {
      await broker.up();
      results = await buying;
    }
    // The payments taken while Kafka was away are applied once it is back.
    expect(results.map((result) => result.outcome)).toEqual([
      "purchased",
      "purchased",
      "purchased",
    ]);
    await notified("KafkaConsumerLagging", "resolved", stoppedAt, 90_000);
    expect(firstReservation).toBeDefined();
  }, 360_000);
});
