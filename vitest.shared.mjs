import { basename } from "node:path";
import { defineConfig } from "vitest/config";

// `npm test` collects every runner's counts into one closing line (scripts/lib/test-summary.mjs).
const resultsDir = process.env.TEST_RESULTS_DIR;

/** Integration tests start real processes and talk to real servers: give them time. */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Each file may start servers and consumers; running them one at a time keeps a
    // 2-core machine responsive and the timings meaningful.
    fileParallelism: false,
    ...(resultsDir && {
      reporters: ["default", "json"],
      outputFile: { json: `${resultsDir}/vitest-${basename(process.cwd())}.json` },
    }),
  },
});
