import type { Admin } from "kafkajs";
import type { Logger } from "pino";
import { createKafka } from "./client";

export interface BrokerProbeOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** A broker that has not answered by then counts as unreachable. */
  timeoutMs?: number;
  /** How long an answer is reused, so however often probes come the broker sees one request. */
  cacheMs?: number;
}

export interface BrokerProbe {
  /** Whether a broker answered a metadata request just now (or within cacheMs). */
  isReachable: () => Promise<boolean>;
  stop: () => Promise<void>;
}

/**
 * A consumer's own state lags behind the broker's: through a 45 s pause of the broker it
 * still counted as joined, because nothing it does fails until its requests time out. This
 * asks the broker itself, with a deadline, so a stopped broker (refused) and a paused one
 * (silent) both read as unreachable within seconds, and as reachable once it answers again.
 */
export function createBrokerProbe({
  brokers,
  clientId,
  logger,
  timeoutMs = 1_500,
  cacheMs = 1_000,
}: BrokerProbeOptions): BrokerProbe {
  const log = logger.child({ component: "kafka-probe" });
  const kafka = createKafka({
    brokers,
    clientId,
    // Every failed probe would log kafkajs's own errors; the changes logged below say it once.
    logger: log.child({}, { level: "silent" }),
    retry: { retries: 0 },
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
  });
  let admin: Admin | undefined;
  let answer: { reachable: boolean; at: number } | undefined;
  let pending: Promise<boolean> | undefined;

  async function ask(): Promise<{ reachable: boolean; error?: unknown }> {
    const current = (admin ??= kafka.admin());
    try {
      await withDeadline(
        current.connect().then(() => current.describeCluster()),
        timeoutMs,
      );
      return { reachable: true };
    } catch (error) {
      // A connection that broke or hangs is dropped, so the next probe dials afresh.
      if (admin === current) admin = undefined;
      void current.disconnect().catch(() => undefined);
      return { reachable: false, error };
    }
  }

  function record({ reachable, error }: { reachable: boolean; error?: unknown }): boolean {
    const before = answer?.reachable;
    if (!reachable && before !== false) {
      log.warn({ err: error, brokers }, "kafka brokers unreachable");
    } else if (reachable && before === false) {
      log.info({ brokers }, "kafka brokers reachable again");
    }
    answer = { reachable, at: Date.now() };
    return reachable;
  }

  return {
    isReachable: () => {
      if (answer && Date.now() - answer.at < cacheMs) return Promise.resolve(answer.reachable);
      // Probes arriving while one is in flight share its answer instead of piling up.
      pending ??= ask()
        .then(record)
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    stop: async () => {
      await pending?.catch(() => undefined);
      await admin?.disconnect().catch(() => undefined);
      admin = undefined;
    },
  };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no answer from the broker within ${ms} ms`));
    }, ms);
  });
  // The losing request still settles later; its rejection must not go unhandled.
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer);
  });
}
