import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Recorder } from "../metrics/recorder";
import type { LoadTestReport } from "./build-report";
import { latencyChart } from "./latency-chart";
import { renderMarkdown } from "./markdown";

export const defaultReportsDir = path.resolve(import.meta.dirname, "../../reports");

/**
 * Writes report.json, report.md and latency.svg into `dir` (created if missing), and
 * service-logs.txt with what the services logged at warn and above.
 */
export async function writeReport(
  dir: string,
  report: LoadTestReport,
  recorder: Pick<Recorder, "samples" | "loopLag">,
  serviceLogs = "",
): Promise<{ dir: string; files: string[] }> {
  await mkdir(dir, { recursive: true });
  const chart = "latency.svg";
  const files: Record<string, string> = {
    "report.json": `${JSON.stringify(report, null, 2)}\n`,
    "report.md": renderMarkdown(report, chart),
    [chart]: latencyChart(report, recorder.samples, recorder.loopLag),
  };
  if (serviceLogs) files["service-logs.txt"] = serviceLogs;
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, name), content, "utf8");
  }
  return { dir, files: Object.keys(files).map((name) => path.join(dir, name)) };
}

/** loadtest/reports/2026-11-26T01-02-03Z: sortable, and legal in every file system. */
export function timestampedDir(at: Date): string {
  return path.join(
    defaultReportsDir,
    at
      .toISOString()
      .replace(/\.\d+Z$/, "Z")
      .replaceAll(":", "-"),
  );
}
