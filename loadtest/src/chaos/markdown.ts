import type { ChaosReport } from "./report";

/** The report as Markdown: the verdict, the figures, each fault, each check, what buyers met. */
export function renderChaosMarkdown(report: ChaosReport): string {
  const { figures: f } = report;
  const lines = [
    `# Chaos run ${report.runId}`,
    "",
    `**${report.passed ? "PASSED" : "FAILED"}** — ${report.startedAt} to ${report.finishedAt}, seed ${report.seed}`,
    "",
    "## Figures",
    "",
    "| figure | value |",
    "| --- | --- |",
    `| faults injected | ${f.faultsInjected} |`,
    `| buyers | ${f.buyers} |`,
    `| sales (buyers who saw CONFIRMED) | ${f.purchases} |`,
    `| seats sold | ${f.seatsSold} of ${f.seats} |`,
    `| payments recorded | ${f.payments} (${f.paymentsInTime} before the hold's end, ${f.paymentsLate} after) |`,
    `| refunds (Payment REFUNDED) | ${f.refunds} |`,
    `| refunds requested, never recorded | ${f.refundsPending} |`,
    `| wrong refunds | ${f.wrongRefunds} |`,
    `| lost places | ${f.lostPlaces} |`,
    "",
    "## Faults",
    "",
    "| fault | away | recovery (from the restart) | outage (from the fault) | payments meanwhile |",
    "| --- | --- | --- | --- | --- |",
    ...report.faults.map(
      (fault) =>
        `| ${fault.name} | ${fault.downSeconds} s | ${fault.recoverySeconds === null ? `not recovered${fault.error ? `: ${fault.error}` : ""}` : `${fault.recoverySeconds} s`} | ${fault.outageSeconds ?? "-"} s | ${fault.paymentsDuring} |`,
    ),
    "",
    "## Checks",
    "",
    ...report.invariants.map(
      (invariant) =>
        `- ${invariant.passed ? "pass" : "**FAIL**"} ${invariant.title}: ${invariant.detail}`,
    ),
    "",
    "## Buyers",
    "",
    ...report.outcomes.map(
      (entry) =>
        `- ${entry.outcome}: ${entry.count}${Object.keys(entry.codes).length > 0 ? ` (${codes(entry.codes)})` : ""}`,
    ),
    "",
    `Web answers while PostgreSQL was away: ${codes(report.postgresOutageAnswers) || "none"}.`,
    "",
    `5xx answers and network failures buyers met: ${codes(report.troubles) || "none"}.`,
    "",
    `Failed steps: ${
      Object.entries(report.errors)
        .map(([step, byCode]) => `${step} (${codes(byCode)})`)
        .join("; ") || "none"
    }.`,
    "",
    `Places: ${report.places.drops} dropped sockets, ${report.places.rejoins} joins again, ` +
      `${report.places.statusChecks} status checks; ${report.places.lost.length} lost.`,
    "",
    `Working set: at most ${report.workingSet.maxSampled} of ${report.workingSet.maxActive} in ` +
      `${report.workingSet.samples} samples (${report.workingSet.failedReads} reads failed while Redis was away).`,
    "",
    `Scenario: \`${JSON.stringify(report.options)}\`; machine: ${report.machine.cpus} CPUs, ` +
      `${report.machine.memoryGiB} GiB, Node.js ${report.machine.node}.`,
    "",
  ];
  return lines.join("\n");
}

function codes(byCode: Record<string, number>): string {
  return Object.entries(byCode)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `${code} ${count}`)
    .join(", ");
}
