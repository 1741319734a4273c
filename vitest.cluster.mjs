import { basename } from "node:path";
import { defineConfig } from "vitest/config";
import shared from "./vitest.shared.mjs";

// `npm run test:cluster`: a package's Redis suites again, on a Redis Cluster (REDIS_URL set
// by scripts/test-cluster.sh), plus the files only a cluster can run (*.cluster-test.ts),
// such as the worker's on three Kafka brokers (KAFKA_BROKERS set by
// scripts/test-kafka-cluster.sh).
const resultsDir = process.env.TEST_RESULTS_DIR;

export default defineConfig({
  test: {
    ...shared.test,
    include: [...shared.test.include, "test/**/*.cluster-test.ts"],
    // One file at a time: a failover test moves masters, which would fail another file's
    // commands mid-flight for reasons that are not that file's.
    fileParallelism: false,
    ...(resultsDir && {
      reporters: ["default", "json"],
      outputFile: { json: `${resultsDir}/vitest-${basename(process.cwd())}-cluster.json` },
    }),
  },
});
