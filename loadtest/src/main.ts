import path from "node:path";
import { runCommand } from "./cli";
import { env } from "./env";
import { parseCliOptions, usage } from "./options";
import { runLoadTest } from "./run-load-test";
import { timestampedDir, writeReport } from "./report/write-report";

/**
 * `npm run loadtest -- [options]`: exit code 0 when every invariant held, 1 when one
 * failed, 2 when the run could not start (bad options, no web build, a service down).
 */
runCommand({
  name: "load test",
  usage,
  parse: parseCliOptions,
  stoppingMessage: "cutting the buyers off, then cleaning up",
  run: async (options, stopSignal) => {
    const outDir = options.out
      ? path.resolve(env.INIT_CWD ?? process.cwd(), options.out)
      : timestampedDir(new Date());
    const log = (line: string) => {
      console.log(`[loadtest] ${line}`);
    };
    const { report, recorder, serviceLogs } = await runLoadTest(options, { log, stopSignal });
    const written = await writeReport(outDir, report, recorder, serviceLogs);

    for (const invariant of report.invariants) {
      log(`${invariant.passed ? "pass" : "FAIL"}  ${invariant.title}: ${invariant.detail}`);
    }
    const counts = report.outcomes
      .filter((outcome) => outcome.count > 0)
      .map((outcome) => `${outcome.outcome} ${outcome.count}`)
      .join(", ");
    log(`outcomes: ${counts}`);
    log(`report: ${written.files.join(", ")}`);
    if (stopSignal.aborted) return 130;
    return report.passed ? 0 : 1;
  },
});
