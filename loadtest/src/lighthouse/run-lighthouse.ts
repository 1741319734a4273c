import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import { childEnv } from "../env";

const run = promisify(execFile);
// npm links every workspace dependency's bin here.
const lighthouseBin = path.resolve(import.meta.dirname, "../../../node_modules/.bin/lighthouse");

export const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
export type Category = (typeof CATEGORIES)[number];
export type Profile = "desktop" | "mobile";

const reportSchema = z.object({
  finalDisplayedUrl: z.string(),
  categories: z.record(
    z.string(),
    z.object({
      score: z.number().nullable(),
      auditRefs: z.array(z.object({ id: z.string(), weight: z.number() })),
    }),
  ),
  audits: z.record(
    z.string(),
    z.object({
      score: z.number().nullable(),
      scoreDisplayMode: z.string(),
      displayValue: z.string().optional(),
      details: z
        .object({
          items: z
            .array(z.object({ description: z.string().optional(), url: z.string().optional() }))
            .optional(),
        })
        .optional(),
    }),
  ),
  runWarnings: z.array(z.string()).default([]),
});

export interface LighthouseResult {
  /** 0–100 per category, null when Lighthouse could not score it. */
  scores: Record<Category, number | null>;
  /** Audits that cost points (weighted, scored below 1), as "id (value)". */
  lost: Record<Category, string[]>;
  warnings: string[];
}

/**
 * One Lighthouse run of one page, with its CLI in a fresh headless Chromium (CHROME_PATH):
 * the default mobile profile (a mid-range phone on a throttled 4G, simulated) or the
 * desktop preset. `headers` go with every request the page makes (the buyer's cookies).
 */
export async function runLighthouse({
  url,
  profile,
  headers,
  chromePath,
  keepReportAs,
}: {
  url: string;
  profile: Profile;
  headers: Record<string, string>;
  chromePath: string;
  /** Where to keep Lighthouse's JSON report (its final screenshot shows what was measured). */
  keepReportAs?: string;
}): Promise<LighthouseResult> {
  const workDir = await mkdtemp(path.join(tmpdir(), "ticketping-lighthouse-"));
  try {
    const headersFile = path.join(workDir, "headers.json");
    const reportFile = path.join(workDir, "report.json");
    await writeFile(headersFile, JSON.stringify(headers));
    await run(
      lighthouseBin,
      [
        url,
        "--quiet",
        "--output=json",
        `--output-path=${reportFile}`,
        `--only-categories=${CATEGORIES.join(",")}`,
        `--extra-headers=${headersFile}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-dev-shm-usage --disable-gpu",
        ...(profile === "desktop" ? ["--preset=desktop"] : []),
      ],
      { env: childEnv({ CHROME_PATH: chromePath }), maxBuffer: 16 * 1024 * 1024 },
    );
    const text = await readFile(reportFile, "utf8");
    if (keepReportAs) await writeFile(keepReportAs, text);
    const report = reportSchema.parse(JSON.parse(text));
    // A page that sent the browser elsewhere (no session, no working token) is not the
    // page meant: its scores would describe another one.
    if (report.finalDisplayedUrl !== url) {
      throw new Error(`${url} ended at ${report.finalDisplayedUrl}`);
    }
    const scores = {} as LighthouseResult["scores"];
    const lost = {} as LighthouseResult["lost"];
    for (const category of CATEGORIES) {
      const scored = report.categories[category];
      scores[category] = scored?.score == null ? null : Math.round(scored.score * 100);
      lost[category] = (scored?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .flatMap((ref) => {
          const audit = report.audits[ref.id];
          if (!audit || audit.score === null || audit.score >= 1) return [];
          if (audit.scoreDisplayMode === "informative") return [];
          // A console error's own words say what to fix; other audits' values suffice.
          const messages =
            ref.id === "errors-in-console"
              ? (audit.details?.items ?? []).map(
                  (item) => `${item.description ?? ""} ${item.url ?? ""}`,
                )
              : [];
          const value = audit.displayValue ? ` (${audit.displayValue})` : "";
          return [`${ref.id}${value}${messages.map((message) => `\n    ${message}`).join("")}`];
        });
    }
    return { scores, lost, warnings: report.runWarnings };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
