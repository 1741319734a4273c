import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface RedisBenchmarkResult {
  test: string;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Runs redis-benchmark on loopback against the same server and parses its CSV: the
 * ceiling our Lua figures are measured against, in the same run, on the same machine.
 */
export async function redisBenchmark(options: {
  host: string;
  port: number;
  requests: number;
  clients: number;
  /** Either `-t` tests ("incr,zadd") or one raw command with its arguments. */
  tests?: string;
  command?: string[];
  randomKeyspace?: number;
}): Promise<RedisBenchmarkResult[]> {
  const args = [
    "-h",
    options.host,
    "-p",
    String(options.port),
    "-n",
    String(options.requests),
    "-c",
    String(options.clients),
    "--csv",
  ];
  if (options.randomKeyspace !== undefined) args.push("-r", String(options.randomKeyspace));
  if (options.tests !== undefined) args.push("-t", options.tests);
  if (options.command !== undefined) args.push(...options.command);
  const { stdout } = await run("redis-benchmark", args, {
    timeout: 120_000,
    maxBuffer: 1 << 20,
  });
  return stdout
    .split("\n")
    .slice(1)
    .filter((line) => line.startsWith('"'))
    .map((line) => {
      const cells = line.split('","').map((cell) => cell.replaceAll('"', ""));
      return {
        test: cells[0] ?? "",
        rps: Number(cells[1]),
        p50Ms: Number(cells[4]),
        p99Ms: Number(cells[6]),
      };
    });
}
