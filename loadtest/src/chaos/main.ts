import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { env } from "../env";
import { defaultReportsDir } from "../report/write-report";
import { standaloneServer, WebBuildMissingError } from "../system/start-web";
import { renderChaosMarkdown } from "./markdown";
import { chaosUsage, parseChaosOptions } from "./options";
import { ChaosRunStopped, runChaos } from "./run-chaos";

/**
 * `npm run chaos -- [options]`: exit code 0 when every check held, 1 when one failed, 2
 * when the run could not start, 130 after Ctrl-C (which still stops and removes everything).
 */
async function main(): Promise<number> {
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2));
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n")
        : `  ${(error as Error).message}`;
    console.error(`Invalid options:\n${message}\n\n${chaosUsage}`);
    return 2;
  }
  if (options === "help") {
    console.log(chaosUsage);
    return 0;
  }
  if (!existsSync(standaloneServer)) {
    console.error(new WebBuildMissingError().message);
    return 2;
  }
  const stop = new AbortController();
  process.once("SIGINT", () => {
    console.error(
      "stopping: ending the faults and the buyers, then cleaning up (Ctrl-C again to quit now)",
    );
    stop.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  process.once("SIGTERM", () => {
    stop.abort();
  });
  const log = (line: string) => {
    console.log(`[chaos] ${line}`);
  };
  const outDir = options.out
    ? path.resolve(env.INIT_CWD ?? process.cwd(), options.out)
    : path.join(defaultReportsDir, `chaos-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  await mkdir(outDir, { recursive: true });
  let report;
  try {
    ({ report } = await runChaos(options, {
      log,
      stopSignal: stop.signal,
      keepServiceLogs: (logs) => writeFile(path.join(outDir, "service-logs.txt"), logs),
    }));
  } catch (error) {
    if (!(error instanceof ChaosRunStopped)) throw error;
    log("stopped before the end: no checks; everything the run started was stopped and removed");
    return 130;
  }
  await writeFile(path.join(outDir, "chaos-report.json"), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(path.join(outDir, "chaos-report.md"), renderChaosMarkdown(report));

  const f = report.figures;
  log(
    `faults injected ${f.faultsInjected}, buyers ${f.buyers}, sales ${f.purchases} ` +
      `(${f.seatsSold}/${f.seats} seats), payments ${f.payments}, refunds ${f.refunds}, ` +
      `wrong refunds ${f.wrongRefunds}, lost places ${f.lostPlaces}`,
  );
  for (const fault of report.faults) {
    log(
      `${fault.name}: away ${fault.downSeconds} s, recovered ${fault.recoverySeconds ?? "NEVER"} s after the restart, ` +
        `${fault.paymentsDuring} payments meanwhile`,
    );
  }
  for (const invariant of report.invariants) {
    log(`${invariant.passed ? "pass" : "FAIL"}  ${invariant.title}: ${invariant.detail}`);
  }
  log(`report: ${outDir}`);
  if (stop.signal.aborted) return 130;
  return report.passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("chaos run failed to run:", error);
    process.exitCode = 2;
  },
);
