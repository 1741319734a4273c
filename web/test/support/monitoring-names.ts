import { readFileSync } from "node:fs";
import path from "node:path";

const monitoring = path.resolve(import.meta.dirname, "../../../infra/monitoring");

/** PromQL words that look like metric names but are not. */
const keywords = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "inf",
  "nan",
]);

/**
 * The metric names a PromQL expression selects: what is left once strings, label
 * matchers, ranges, grouping clauses, function calls and keywords are taken out.
 */
export function metricNamesIn(expr: string): Set<string> {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\$\w+/g, " ");
  const names = new Set<string>();
  // Not the unit of a number or duration (5m, 1e3): a name starts a word.
  for (const match of stripped.matchAll(/(?<![\w.])[a-zA-Z_:][\w:]*/g)) {
    const name = match[0];
    const after = stripped.slice(match.index + name.length).trimStart();
    if (after.startsWith("(") || keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return names;
}

/** `expr:` values of a Prometheus rules file, one-line or block (`|`, `>`) scalars. */
export function ruleExpressions(yamlText: string): string[] {
  const lines = yamlText.split("\n");
  const expressions: string[] = [];
  lines.forEach((line, index) => {
    const match = /^(\s*(?:-\s+)?)expr:\s*(.*)$/.exec(line);
    if (!match) return;
    const indent = (match[1] ?? "").length;
    const inline = match[2]?.trim() ?? "";
    if (!/^[|>][-+]?$/.test(inline)) {
      expressions.push(inline);
      return;
    }
    const block: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.trim() !== "" && next.search(/\S/) <= indent) break;
      block.push(next);
    }
    expressions.push(block.join("\n"));
  });
  return expressions;
}

interface DashboardPanel {
  datasource?: { uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
  panels?: DashboardPanel[];
}

/** Prometheus expressions of the provisioned dashboard (Loki panels left out). */
export function dashboardExpressions(dashboard: { panels: DashboardPanel[] }): string[] {
  const expressions: string[] = [];
  const visit = (panel: DashboardPanel) => {
    for (const target of panel.targets ?? []) {
      const uid = target.datasource?.uid ?? panel.datasource?.uid;
      if (uid === "prometheus" && target.expr) expressions.push(target.expr);
    }
    panel.panels?.forEach(visit);
  };
  dashboard.panels.forEach(visit);
  return expressions;
}

/** Every metric name the alert rules and the dashboard use, with where each is used. */
export function monitoringMetricNames(): Map<string, string[]> {
  const rulesDir = path.join(monitoring, "prometheus/rules");
  const rulesFile = path.join(rulesDir, "ticketping.yml");
  const dashboardFile = path.join(monitoring, "grafana/dashboards/ticketping.json");
  const sources: [string, string[]][] = [
    ["alert rules", ruleExpressions(readFileSync(rulesFile, "utf8"))],
    [
      "dashboard",
      dashboardExpressions(
        JSON.parse(readFileSync(dashboardFile, "utf8")) as { panels: DashboardPanel[] },
      ),
    ],
  ];
  const used = new Map<string, string[]>();
  for (const [source, expressions] of sources) {
    for (const expr of expressions) {
      for (const name of metricNamesIn(expr)) {
        used.set(name, [...(used.get(name) ?? []), source]);
      }
    }
  }
  return used;
}
