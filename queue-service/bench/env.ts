import { z } from "zod";
import { envFields, loadEnvOrExit } from "@ticketping/common/env";

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Every knob of the benchmark; the defaults are the figures the issue asks for. */
export const benchEnv = loadEnvOrExit({
  REDIS_URL: envFields.redisUrl,
  BENCH_SOCKETS: count(50_000),
  BENCH_BURST_JOINS: count(10_000),
  BENCH_BURST_SECONDS: count(10),
  BENCH_CLIENT_PROCESSES: count(4),
  /** QUEUE_PROCESSES of the queue-service, and the bare reference's processes likewise. */
  BENCH_SERVER_PROCESSES: count(3),
  BENCH_LUA_JOINS: count(100_000),
  BENCH_REDIS_BENCHMARK_REQUESTS: count(100_000),
  /**
   * Buyers per EVALSHA in the batched redis-benchmark run of join.lua: the batch a crowd
   * forms (BENCHMARKS.md, "Joins in batches"), at most QueueStore's batch size (64).
   */
  BENCH_JOIN_BATCH: count(16),
  /** Passed to the queue-service process, e.g. to try V8 heap settings. */
  BENCH_SERVER_NODE_OPTIONS: z.string().default(""),
  /** The whole run is killed after this long, whatever state it is in. */
  BENCH_TIMEOUT_SECONDS: count(900),
});
