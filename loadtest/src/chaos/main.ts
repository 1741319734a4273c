import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { runCommand } from "../cli";
import { env } from "../env";
import { defaultReportsDir } from "../report/write-report";
import { renderChaosMarkdown } from "./markdown";
import { chaosUsage, parseChaosOptions } from "./options";
import { ChaosRunStopped, runChaos } from "./run-chaos";

/**
 * `npm run chaos -- [options]`: exit code 0 when every check held, 1 when one failed, 2
 * when the run could not start, 130 after Ctrl-C (which still stops and removes everything).
 */
runCommand({
  name: "chaos run",
  usage: chaosUsage,
  parse: parseChaosOptions,
  stoppingMessage: "ending the faults and the buyers, then cleaning up",
  run: async (options, stopSignal) => {
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
        stopSignal,
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
    if (stopSignal.aborted) return 130;
    return report.passed ? 0 : 1;
  },
});
