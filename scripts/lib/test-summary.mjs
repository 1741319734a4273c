// Sums the JSON reports that vitest and Playwright wrote during `npm test` and prints one
// closing line, "tests: N passed, N failed, N skipped", that any CI can read. Exits non-zero
// when a report is missing, a test failed, or nothing ran at all: a green run must have run tests.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir, ...expected] = process.argv.slice(2);
if (!dir) {
  console.error("usage: test-summary.mjs <results dir> [report names that must exist ...]");
  process.exit(2);
}

const files = readdirSync(dir).filter((name) => name.endsWith(".json"));
const missing = expected.filter((name) => !files.includes(`${name}.json`));

function countsOf(report) {
  if (report.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky passed on a retry.
    const { expected: ok, unexpected, flaky, skipped } = report.stats;
    return { passed: ok + flaky, failed: unexpected, skipped };
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const name of files.sort()) {
  const counts = countsOf(JSON.parse(readFileSync(join(dir, name), "utf8")));
  console.log(
    `  ${name.replace(/\.json$/, "").padEnd(28)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  for (const key of Object.keys(total)) total[key] += counts[key];
}
for (const name of missing) console.error(`  ${name}: no report (the runner did not finish)`);
const closingLine = `tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`;
console.log(closingLine);
// .ci/run repeats it as its own last line.
writeFileSync(join(dir, "summary.txt"), `${closingLine}\n`);
process.exit(missing.length > 0 || total.failed > 0 || total.passed === 0 ? 1 : 0);
