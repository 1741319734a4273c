import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnService, type SpawnedService } from "@ticketping/common/testing";
import { MALLOC_THRESHOLD_DEFAULT } from "../src/process/malloc-env";
import { childProcesses } from "./support/process-of-connection";

const serviceRoot = path.resolve(import.meta.dirname, "..");
const repositoryRoot = path.resolve(serviceRoot, "..");
const DEFAULT = String(MALLOC_THRESHOLD_DEFAULT);
let service: SpawnedService | undefined;

afterEach(async () => {
  await service?.stop("SIGKILL");
  service = undefined;
});

/** The environment each queue process was started with, as the kernel holds it. */
function queueProcessEnvironments(primary: number): Map<string, string>[] {
  return (
    childProcesses(primary)
      .map((pid) => ({
        command: readFileSync(`/proc/${pid}/cmdline`, "utf8"),
        environ: readFileSync(`/proc/${pid}/environ`, "utf8"),
      }))
      // tsx's own helper process is a child too; the queue processes run main.ts.
      .filter(({ command }) => command.includes("main.ts"))
      .map(
        ({ environ }) =>
          new Map(
            environ
              .split("\0")
              .filter((entry) => entry.includes("="))
              .map((entry) => [
                entry.slice(0, entry.indexOf("=")),
                entry.slice(entry.indexOf("=") + 1),
              ]),
          ),
      )
  );
}

async function startWithProcesses(env: Record<string, string>): Promise<Map<string, string>[]> {
  service = await spawnService({
    cwd: serviceRoot,
    entry: "src/main.ts",
    env: { QUEUE_SERVICE_PORT: "0", QUEUE_PROCESSES: "2", ...env },
    readyTimeoutMs: 60_000,
  });
  return queueProcessEnvironments(service.process.pid ?? 0);
}

describe("glibc malloc settings of the queue processes", () => {
  it("starts every queue process with fixed mmap and trim thresholds", async () => {
    const environments = await startWithProcesses({});
    expect(environments).toHaveLength(2);
    for (const environment of environments) {
      // An operator's own value, if the test runner has one, wins (next test).
      expect(environment.get("MALLOC_MMAP_THRESHOLD_")).toBe(
        process.env.MALLOC_MMAP_THRESHOLD_ ?? DEFAULT,
      );
      expect(environment.get("MALLOC_TRIM_THRESHOLD_")).toBe(
        process.env.MALLOC_TRIM_THRESHOLD_ ?? DEFAULT,
      );
    }
  }, 90_000);

  it("keeps a threshold the operator set", async () => {
    const environments = await startWithProcesses({ MALLOC_TRIM_THRESHOLD_: "262144" });
    expect(environments).toHaveLength(2);
    for (const environment of environments) {
      expect(environment.get("MALLOC_TRIM_THRESHOLD_")).toBe("262144");
    }
  }, 90_000);

  it("is what the Docker image and scripts/start.sh start a single process with", () => {
    const dockerfile = readFileSync(path.join(serviceRoot, "Dockerfile"), "utf8");
    const envLine = /^ENV MALLOC_.*$/m.exec(dockerfile)?.[0] ?? "";
    const startScript = readFileSync(path.join(repositoryRoot, "scripts/start.sh"), "utf8");
    for (const name of ["MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"]) {
      const value = DEFAULT;
      expect(envLine.split(" ")).toContain(`${name}=${value}`);
      expect(startScript).toContain(`${name}=\${${name}:-${value}}`);
    }
  });
});
