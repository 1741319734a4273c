import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { env } from "./env";
import { parseCliOptions, usage } from "./options";
import { runLoadTest } from "./run-load-test";
import { standaloneServer, WebBuildMissingError } from "./system/start-web";
import { timestampedDir, writeReport } from "./report/write-report";

/**
 * `npm run loadtest -- [options]`: exit code 0 when every invariant held, 1 when one
 * failed, 2 when the run could not start (bad options, no web build, a service down).
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues
            .map((issue) => `  --${flag(issue.path.join("."))}: ${issue.message}`)
            .join("\n")
        : `  ${(error as Error).message}`;
    console.error(`Invalid options:\n${message}\n\n${usage}`);
    return 2;
  }
  if (options === "help") {
    console.log(usage);
    return 0;
  }
  if (!existsSync(standaloneServer)) {
    console.error(new WebBuildMissingError().message);
    return 2;
  }

  // Ctrl-C ends the buyers at once and still cleans up (processes, database, Redis keys);
  // a second Ctrl-C leaves without cleaning.
  const stop = new AbortController();
  process.once("SIGINT", () => {
    console.error("stopping: cutting the buyers off, then cleaning up (Ctrl-C again to quit now)");
    stop.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  process.once("SIGTERM", () => {
    stop.abort();
  });

  const outDir = options.out
    ? path.resolve(env.INIT_CWD ?? process.cwd(), options.out)
    : timestampedDir(new Date());
  const log = (line: string) => {
    console.log(`[loadtest] ${line}`);
  };
  const { report, recorder, serviceLogs } = await runLoadTest(options, {
    log,
    stopSignal: stop.signal,
  });
  const written = await writeReport(outDir, report, recorder.samples, serviceLogs);

  for (const invariant of report.invariants) {
    log(`${invariant.passed ? "pass" : "FAIL"}  ${invariant.title}: ${invariant.detail}`);
  }
  const counts = report.outcomes
    .filter((outcome) => outcome.count > 0)
    .map((outcome) => `${outcome.outcome} ${outcome.count}`)
    .join(", ");
  log(`outcomes: ${counts}`);
  log(`report: ${written.files.join(", ")}`);
  if (stop.signal.aborted) return 130;
  return report.passed ? 0 : 1;
}

function flag(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("load test failed to run:", error);
    process.exitCode = 2;
  },
);
