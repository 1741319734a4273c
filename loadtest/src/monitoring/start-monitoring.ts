import path from "node:path";
import { freePort } from "@ticketping/common/testing";
import { runCommand } from "../chaos/servers/run-command";

const monitoringScript = path.resolve(import.meta.dirname, "../../../scripts/monitoring.sh");

export interface MonitoringTargets {
  webPort: number;
  queueServicePort: number;
  workerPort: number;
  metricsToken: string;
}

export interface RunningMonitoring {
  prometheusUrl: string;
  alertmanagerUrl: string;
  zipkinUrl: string;
  /** What OTEL_EXPORTER_ZIPKIN_ENDPOINT is set to. */
  zipkinEndpoint: string;
  /** Stops the three (scripts/monitoring.sh down on the same folder). */
  stop: () => Promise<void>;
}

/**
 * Prometheus, Alertmanager and Zipkin as `npm run services -- up --monitoring` starts them
 * (scripts/monitoring.sh, the same configs), but in `stateDir` on free ports, scraping the
 * given ports, with every rule window and Alertmanager timer `timeScale` times shorter and
 * alerts sent to `discordWebhookUrl`.
 */
export async function startMonitoring({
  stateDir,
  targets,
  discordWebhookUrl,
  timeScale,
  scrapeIntervalSeconds,
}: {
  stateDir: string;
  targets: MonitoringTargets;
  discordWebhookUrl: string;
  timeScale: number;
  scrapeIntervalSeconds: number;
}): Promise<RunningMonitoring> {
  const [prometheusPort, alertmanagerPort, zipkinPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = {
    MONITORING_STATE_DIR: stateDir,
    PROMETHEUS_PORT: String(prometheusPort),
    ALERTMANAGER_PORT: String(alertmanagerPort),
    ZIPKIN_PORT: String(zipkinPort),
    WEB_PORT: String(targets.webPort),
    QUEUE_SERVICE_PORT: String(targets.queueServicePort),
    WORKER_HEALTH_PORT: String(targets.workerPort),
    METRICS_TOKEN: targets.metricsToken,
    DISCORD_WEBHOOK_URL: discordWebhookUrl,
    MONITORING_TIME_SCALE: String(timeScale),
    MONITORING_SCRAPE_INTERVAL: String(scrapeIntervalSeconds),
  };
  const monitoring = (command: "up" | "down") =>
    runCommand("bash", [monitoringScript, command], { env, timeoutMs: 180_000 });
  try {
    await monitoring("up");
  } catch (error) {
    await monitoring("down").catch(() => undefined);
    throw error;
  }
  const zipkinUrl = `http://127.0.0.1:${zipkinPort}`;
  return {
    prometheusUrl: `http://127.0.0.1:${prometheusPort}`,
    alertmanagerUrl: `http://127.0.0.1:${alertmanagerPort}`,
    zipkinUrl,
    zipkinEndpoint: `${zipkinUrl}/api/v2/spans`,
    stop: async () => {
      await monitoring("down");
    },
  };
}
