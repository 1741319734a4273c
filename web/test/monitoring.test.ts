import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { familyNames } from "@ticketping/common/metrics";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import {
  dashboardExpressions,
  metricNamesIn,
  monitoringMetricNames,
  ruleExpressions,
} from "./support/monitoring-names";
import { startWorker } from "./support/payments";
import { startWebServer, type RunningWebServer } from "./support/web-server";

/**
 * The alert rules and the Grafana dashboard (infra/monitoring) may only use series that
 * the three processes really export: each name is looked up in live scrapes of web,
 * queue-service and worker, running on real PostgreSQL, Redis and Kafka.
 */
const metricsToken = randomBytes(24).toString("hex");
/** Series Prometheus makes itself for every target. */
const prometheusOwn = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);

let database: TestDatabase;
let web: RunningWebServer;
let worker: SpawnedService;
let queue: SpawnedService;

async function scrape(url: string): Promise<Set<string>> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(response.status, url).toBe(200);
  return familyNames(await response.text());
}

beforeAll(async () => {
  database = await createTestDatabase({ label: "web_monitoring" });
  const env = { METRICS_TOKEN: metricsToken };
  [web, worker, queue] = await Promise.all([
    startWebServer({ databaseUrl: database.url, env }),
    startWorker({ databaseUrl: database.url, env }),
    spawnService({
      cwd: path.resolve(import.meta.dirname, "../../queue-service"),
      entry: "src/main.ts",
      readyTimeoutMs: 60_000,
      env: {
        ...env,
        DATABASE_URL: database.url,
        QUEUE_SERVICE_PORT: "0",
        QUEUE_KEY_PREFIX: `test-${randomUUID()}:`,
        QUEUE_CONSUMER_GROUP_ID: `web-monitoring-test-${randomUUID()}`,
      },
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([web.stop(), worker.stop("SIGTERM"), queue.stop("SIGTERM")]);
  await database.drop();
});

describe("metric names of the monitoring configs", () => {
  it("reads the names out of PromQL", () => {
    expect([
      ...metricNamesIn(
        'histogram_quantile(0.99, sum by (le, route) (rate(a_seconds_bucket{status=~"5.."}[$__rate_interval]))) / on (job) b_total offset 5m > bool 0',
      ),
    ]).toEqual(["a_seconds_bucket", "b_total"]);
    expect(
      ruleExpressions("  - expr: |\n      sum(x)\n      / y\n    for: 1m\n  - expr: z > 0\n"),
    ).toEqual(["      sum(x)\n      / y", "z > 0"]);
    expect(
      dashboardExpressions({
        panels: [
          { datasource: { uid: "loki" }, targets: [{ expr: '{service="web"}' }] },
          { panels: [{ datasource: { uid: "prometheus" }, targets: [{ expr: "q" }] }] },
        ],
      }),
    ).toEqual(["q"]);
  });

  it("uses only series that web, queue-service and worker export", async () => {
    const exported = new Set([
      ...(await scrape(`${web.baseUrl}/api/metrics`)),
      ...(await scrape(`http://127.0.0.1:${queue.port}/metrics`)),
      ...(await scrape(`http://127.0.0.1:${worker.port}/metrics`)),
      ...prometheusOwn,
    ]);
    const used = monitoringMetricNames();
    // Not vacuous: the rules and every dashboard section are read.
    for (const name of [
      "ticketping_queue_waiting",
      "ticketping_queue_admissions_total",
      "ticketping_webhook_to_confirmed_seconds_bucket",
      "ticketping_kafka_consumer_lag",
      "ticketping_kafka_dead_letters_total",
      "ticketping_http_errors_total",
      "ticketping_webhook_failures_total",
      // Only in the alert rules:
      "ticketping_queue_sale_open",
      "up",
    ]) {
      expect(used.has(name), name).toBe(true);
    }
    // A labelled histogram with no observation yet shows only its family's TYPE line.
    const isExported = (name: string) =>
      exported.has(name) || exported.has(name.replace(/_(bucket|sum|count)$/, ""));
    const missing = [...used]
      .filter(([name]) => !isExported(name))
      .map(([name, where]) => `${name} (${[...new Set(where)].join(", ")})`);
    expect(missing).toEqual([]);
  });
});
