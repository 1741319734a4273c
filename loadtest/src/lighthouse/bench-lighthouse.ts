import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "@ticketping/common/testing";
import { demoPerformanceSlugs } from "@ticketping/db/demo";
import { z } from "zod";
import { parseFlags, runCommand } from "../cli";
import { childEnv, env } from "../env";
import { HttpClient } from "../clients/http-client";
import { WebApi } from "../clients/web-api";
import { loadTestOptionsSchema } from "../options";
import { seedBuyers } from "../seed/seed-buyers";
import { startSystem } from "../system/start-system";
import { admitBuyer } from "./admit-buyer";
import { CATEGORIES, runLighthouse, type LighthouseResult, type Profile } from "./run-lighthouse";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../..");
/** The cookie the booking pages read the working token from (web's booking/gate/transport.ts). */
const WORKING_TOKEN_COOKIE = "ticketping-working-token";
const PROFILES = ["desktop", "mobile"] as const satisfies readonly Profile[];
/** The pages as `--pages` names them: their names with a dash for the space. */
const PAGE_FLAGS = ["catalog", "performance", "waiting-room", "seat-map"] as const;
const flagOfPage = (name: string) => name.replace(" ", "-");

/** "a,b" -> ["a", "b"], each one of `names`; every name when left out. */
const listOf = <Name extends string>(names: readonly [Name, ...Name[]]) =>
  z
    .string()
    .transform((value) => value.split(",").map((name) => name.trim()))
    .pipe(z.array(z.enum(names)).min(1))
    .default([...names]);

const optionsSchema = z.object({
  runs: z.coerce.number().int().min(1).max(5).default(1),
  /** Debian's Chromium by default; Lighthouse's own download cannot run offline. */
  chrome: z.string().min(1).default("/usr/bin/chromium"),
  /** A directory to keep every Lighthouse JSON report in (relative to where npm ran). */
  out: z.string().min(1).optional(),
  /** Only these pages and profiles: comparing two builds of one page wants no other's runs. */
  pages: listOf(PAGE_FLAGS),
  profiles: listOf(PROFILES),
});

interface BenchPage {
  name: string;
  path: string;
  headers: Record<string, string>;
}

/**
 * `npm run bench:lighthouse -w @ticketping/loadtest`: Lighthouse's performance,
 * accessibility and best-practices scores of the pages a buyer sees in a sale (the catalog,
 * a performance, the waiting room, the seat map), with the mobile and the desktop profile.
 * It runs a throwaway copy of the system as the load test does (the production build of
 * web; build it first), seeds the demo catalog into its database, and arranges a buyer
 * admitted to the seat map and another waiting in line behind them.
 */
runCommand({
  name: "Lighthouse benchmark",
  usage:
    "npm run bench:lighthouse -w @ticketping/loadtest -- [--runs N] [--chrome PATH] [--out DIR]\n" +
    `  [--pages ${PAGE_FLAGS.join(",")}] [--profiles ${PROFILES.join(",")}]`,
  parse: (argv) =>
    parseFlags(
      argv,
      { runs: "runs", chrome: "chrome", out: "out", pages: "pages", profiles: "profiles" },
      optionsSchema,
    ),
  stoppingMessage: "stopping after the current page",
  run: async ({ runs, chrome, out, pages: pageFlags, profiles }, stopSignal) => {
    const outDir = out ? path.resolve(env.INIT_CWD ?? process.cwd(), out) : undefined;
    if (outDir) await mkdir(outDir, { recursive: true });
    const runId = randomBytes(4).toString("hex");
    // The scenario only sizes the system's limits; the pages' data is the demo catalog.
    const scenario = loadTestOptionsSchema.parse({ buyers: 10, seats: 10, maxActive: 1 });
    // The browser opens the queue socket from the web app's origin, which the queue
    // service must allow: the web port is chosen before either starts.
    const webPort = await freePort();
    const system = await startSystem({
      options: scenario,
      runId,
      webPort,
      overrides: { "queue-service": { QUEUE_CORS_ORIGINS: `http://127.0.0.1:${webPort}` } },
    });
    const http = new HttpClient(system.webUrl, { maxSockets: 4, timeoutMs: 30_000 });
    const closers: (() => void)[] = [];
    try {
      const pages = (await preparePages({ system, http, runId, closers })).filter((page) =>
        (pageFlags as readonly string[]).includes(flagOfPage(page.name)),
      );
      const results: { run: number; page: string; profile: Profile; result: LighthouseResult }[] =
        [];
      for (let round = 1; round <= runs; round++) {
        for (const page of pages) {
          for (const profile of profiles) {
            if (stopSignal.aborted) return 130;
            const result = await runLighthouse({
              url: `${system.webUrl}${page.path}`,
              profile,
              headers: page.headers,
              chromePath: chrome,
              ...(outDir
                ? {
                    keepReportAs: path.join(
                      outDir,
                      `${round}-${flagOfPage(page.name)}-${profile}.json`,
                    ),
                  }
                : {}),
            });
            results.push({ run: round, page: page.name, profile, result });
            console.error(
              `run ${round}, ${page.name}, ${profile}: ${CATEGORIES.map((c) => `${c} ${result.scores[c] ?? "-"}`).join(", ")}`,
            );
          }
        }
      }
      console.log(formatTable(results));
      console.log(formatLost(results));
      return 0;
    } finally {
      for (const close of closers) close();
      http.close();
      await system.stop();
    }
  },
});

/**
 * The demo catalog (`npm run db:seed`) in the run's database; its on-sale performance lets
 * one buyer at a time work, and pays no proof of work, so the seat map's buyer holds the
 * slot and the waiting room's buyer stands first in line for the whole run.
 */
async function preparePages({
  system,
  http,
  runId,
  closers,
}: {
  system: Awaited<ReturnType<typeof startSystem>>;
  http: HttpClient;
  runId: string;
  closers: (() => void)[];
}): Promise<BenchPage[]> {
  await run("npm", ["run", "--silent", "db:seed"], {
    cwd: repoRoot,
    env: childEnv({ DATABASE_URL: system.database.url }),
  });
  const prisma = system.database.prisma;
  const performance = await prisma.performance.update({
    where: { slug: demoPerformanceSlugs.onSale },
    data: { queueMaxActive: 1, queueTokenTtlSeconds: 3_600, queuePowComplexity: 0 },
    select: { id: true, schedules: { select: { id: true }, orderBy: { startsAt: "asc" } } },
  });
  const [schedule] = performance.schedules;
  if (!schedule) throw new Error("the demo performance has no show");
  const [seated, waiting] = await seedBuyers(prisma, {
    count: 2,
    runId,
    nextAuthSecret: system.nextAuthSecret,
  });
  if (!seated || !waiting) throw new Error("buyers not seeded");
  const admitted = await admitBuyer({
    web: new WebApi(http),
    queueUrl: system.queueUrl,
    buyer: seated,
    performanceId: performance.id,
  });
  closers.push(admitted.close);
  return [
    { name: "catalog", path: "/performances", headers: {} },
    { name: "performance", path: `/performances/${demoPerformanceSlugs.onSale}`, headers: {} },
    {
      name: "waiting room",
      path: `/queue/${performance.id}?schedule=${schedule.id}`,
      headers: { cookie: waiting.cookie },
    },
    {
      name: "seat map",
      path: `/book/${schedule.id}`,
      headers: { cookie: `${seated.cookie}; ${WORKING_TOKEN_COOKIE}=${admitted.grant.token}` },
    },
  ];
}

function formatTable(
  results: { run: number; page: string; profile: Profile; result: LighthouseResult }[],
): string {
  const header = `| run | page | profile | ${CATEGORIES.join(" | ")} |`;
  const rule = `| --- | --- | --- | ${CATEGORIES.map(() => "---:").join(" | ")} |`;
  const rows = results.map(
    ({ run: round, page, profile, result }) =>
      `| ${round} | ${page} | ${profile} | ${CATEGORIES.map((c) => result.scores[c] ?? "-").join(" | ")} |`,
  );
  return [header, rule, ...rows].join("\n");
}

/** What cost points, per page and profile (the last run's), to say why a score misses. */
function formatLost(
  results: { run: number; page: string; profile: Profile; result: LighthouseResult }[],
): string {
  const last = new Map(results.map((entry) => [`${entry.page}, ${entry.profile}`, entry.result]));
  const lines = [...last].flatMap(([name, result]) => {
    const lost = CATEGORIES.flatMap((c) => result.lost[c].map((audit) => `${c}: ${audit}`));
    const warnings = result.warnings.map((warning) => `warning: ${warning}`);
    return lost.length + warnings.length > 0
      ? [`\n${name}:`, ...[...lost, ...warnings].map((line) => `  ${line}`)]
      : [];
  });
  return lines.length > 0 ? `\nWhat cost points (last run):${lines.join("\n")}` : "";
}
