import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";

const dashboardFile = path.resolve(
  import.meta.dirname,
  "../../../infra/monitoring/grafana/dashboards/ticketping.json",
);

const dashboard = z.object({
  panels: z.array(
    z.object({
      title: z.string(),
      datasource: z.object({ type: z.string() }).optional(),
      targets: z.array(z.object({ expr: z.string().optional() })).optional(),
    }),
  ),
});

export interface PanelQueries {
  panel: string;
  queries: string[];
}

/**
 * The Prometheus queries of the Grafana dashboard, panel by panel, with Grafana's range
 * variables replaced as Grafana would for a dashboard range of `rangeSeconds` (Loki's
 * panels are left out: Loki runs in the compose profile only).
 */
export async function readDashboardQueries({
  rangeSeconds,
  rateIntervalSeconds,
}: {
  rangeSeconds: number;
  rateIntervalSeconds: number;
}): Promise<PanelQueries[]> {
  const { panels } = dashboard.parse(JSON.parse(await readFile(dashboardFile, "utf8")));
  return panels
    .filter((panel) => panel.datasource?.type === "prometheus")
    .map((panel) => ({
      panel: panel.title,
      queries: (panel.targets ?? [])
        .flatMap((target) => (target.expr ? [target.expr] : []))
        .map((expr) =>
          expr
            .replaceAll("$__rate_interval", `${rateIntervalSeconds}s`)
            .replaceAll("$__range", `${rangeSeconds}s`),
        ),
    }));
}
