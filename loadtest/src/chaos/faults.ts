import type { PrismaClient } from "@ticketping/db";
import type { ChaosSystem } from "./chaos-system";
import type { PlaceTracker } from "./place-tracker";
import { backlogDrained, type WebDatabaseProbe } from "./probes";

export type FaultName =
  | "worker-killed"
  | "kafka-stopped"
  | "redis-restarted"
  | "queue-instance-killed"
  | "postgres-restarted";

export interface Fault {
  name: FaultName;
  /** What is done, for the report. */
  what: string;
  /** How long the part stays away between `inject` and `heal`. */
  downMs: number;
  inject: () => Promise<void>;
  /** Brings the part back (resolves once it was started); a killed instance stays dead. */
  heal: () => Promise<void>;
  /**
   * What this fault left undone has been done (the run also waits for every part that was
   * healthy before the fault to be healthy again).
   */
  recovered: (healStartedAt: Date) => Promise<boolean>;
}

export interface FaultDurations {
  workerDownMs: number;
  kafkaDownMs: number;
  redisDownMs: number;
  postgresDownMs: number;
}

/** The five faults, in the order they are injected. */
export function chaosFaults({
  system,
  prisma,
  scheduleId,
  places,
  webProbe,
  durations,
}: {
  system: ChaosSystem;
  prisma: PrismaClient;
  scheduleId: string;
  places: PlaceTracker;
  webProbe: WebDatabaseProbe;
  durations: FaultDurations;
}): Fault[] {
  const drained = (since: Date) => backlogDrained(prisma, scheduleId, since);
  const nothingMore = () => Promise.resolve(true);
  const victim = system.queues[0];
  if (!victim) throw new Error("no queue service instance to kill");
  return [
    {
      name: "worker-killed",
      what: "the worker SIGKILLed (no shutdown), started again after the pause",
      downMs: durations.workerDownMs,
      inject: () => system.killWorker(),
      heal: () => system.startWorker(),
      recovered: drained,
    },
    {
      name: "kafka-stopped",
      what: "the Kafka broker stopped for longer than a hold lives, payments going on, then started",
      downMs: durations.kafkaDownMs,
      inject: () => system.kafka.stop(),
      heal: () => system.kafka.start(),
      recovered: drained,
    },
    {
      name: "redis-restarted",
      what: "Redis shut down (append-only file on) and started again on the same data",
      downMs: durations.redisDownMs,
      inject: () => system.redis.stop(),
      heal: () => system.redis.start(),
      recovered: nothingMore,
    },
    {
      name: "queue-instance-killed",
      what: "one of the two queue service instances SIGKILLed; its buyers come back through the balancer",
      downMs: 0,
      inject: async () => {
        await victim.stop("SIGKILL");
      },
      heal: () => Promise.resolve(),
      recovered: () => Promise.resolve(places.awaitingRejoin.size === 0),
    },
    {
      name: "postgres-restarted",
      what: "PostgreSQL shut down (fast: sessions cut off) and started again",
      downMs: durations.postgresDownMs,
      inject: () => system.postgres.stop(),
      heal: () => system.postgres.start(),
      recovered: () => Promise.resolve(webProbe.working),
    },
  ];
}
