import path from "node:path";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** The queue service or the worker from its production entry point, once it is ready. */
export function startService(
  name: "queue-service" | "worker",
  env: Record<string, string>,
  nodeFlags: string[] = [],
  niceness = 0,
): Promise<SpawnedService> {
  return spawnService({
    cwd: path.join(repoRoot, name),
    entry: "src/main.ts",
    nodeFlags,
    niceness,
    readyMessage: name === "worker" ? "consuming" : "consuming reservation confirmations",
    readyTimeoutMs: 90_000,
    // "info": the ready line is an info line.
    env: { ...env, LOG_LEVEL: "info" },
  });
}

/** What a service logged at warn and above (the latest few hundred lines). */
export function warnings(service: SpawnedService): string {
  return service.logs
    .filter((entry) => typeof entry.level === "number" && entry.level >= 40)
    .slice(-300)
    .map((entry) => JSON.stringify(entry))
    .join("\n");
}
