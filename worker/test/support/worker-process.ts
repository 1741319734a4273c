import { randomUUID } from "node:crypto";
import path from "node:path";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";

/** The real worker entry point as a child process, against the given database. */
export function startWorkerProcess({
  databaseUrl,
  groupId = `worker-test-${randomUUID().slice(0, 8)}`,
  env = {},
}: {
  databaseUrl: string;
  groupId?: string;
  env?: Record<string, string>;
}): Promise<SpawnedService> {
  return spawnService({
    cwd: path.resolve(import.meta.dirname, "../.."),
    entry: "src/main.ts",
    readyMessage: "consuming",
    env: {
      DATABASE_URL: databaseUrl,
      WORKER_HEALTH_PORT: "0",
      WORKER_GROUP_ID: groupId,
      PAYMENT_PROVIDER: "simulated",
      OUTBOX_POLL_INTERVAL_MS: "50",
      ...env,
    },
  });
}
