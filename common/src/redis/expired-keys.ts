import type { Cluster, Redis } from "ioredis";
import type { Logger } from "pino";
import { closeRedis, createRedis, createRedisSubscriber, type RedisClient } from "./index";
import { parseRedisUrl } from "./redis-url";

export interface ExpiredKeyListener {
  /**
   * Resolves once subscribed (on a cluster: on every master known then). Not awaited by a
   * service's start-up when Redis may be down: ioredis subscribes once it is back.
   */
  ready: Promise<void>;
  /** Unsubscribes and closes the connections the listener opened. */
  stop: () => Promise<void>;
}

/** Starts hearing expired keys: listenForExpiredKeys with a service's REDIS_URL, bound. */
export type ExpiredKeySource = (onExpired: (key: string) => void) => ExpiredKeyListener;

/** How often a cluster's masters are looked up again, so a failover is noticed. */
export const CLUSTER_TOPOLOGY_REFRESH_MS = 5_000;

/**
 * Calls `onExpired` with every key that expires in the Redis (or Redis Cluster) of `url`,
 * from its keyspace notifications (notify-keyspace-events must include "Ex").
 *
 * A Redis Cluster node announces only the keys it holds, and only where it runs: unlike
 * PUBLISH, a notification is not passed on to the other nodes. So on a cluster the
 * listener keeps one subscriber connection on every master, and looks the masters up
 * again every CLUSTER_TOPOLOGY_REFRESH_MS (and whenever the cluster client refreshes its
 * slot map): a replica promoted by a failover is subscribed to, a node that is no longer
 * a master is let go. Keys that expire on a new master before it is found (at most that
 * interval after a failover) are announced to no one; the callers' sweepers cover them,
 * as they cover any notification lost to a reconnection.
 */
export function listenForExpiredKeys(options: {
  url: string;
  /** Names the connections in CLIENT LIST (suffixed per node on a cluster). */
  connectionName: string;
  logger?: Logger;
  onExpired: (key: string) => void;
  /** How often a cluster's masters are looked up again (tests shorten it). */
  topologyRefreshMs?: number;
}): ExpiredKeyListener {
  const target = parseRedisUrl(options.url);
  const channel = `__keyevent@${target.kind === "single" ? target.database : 0}__:expired`;
  if (target.kind === "single") {
    const subscriber = createRedisSubscriber(options);
    return subscribeOn(subscriber, channel, options.onExpired, () => closeRedis(subscriber));
  }

  const { onExpired, logger } = options;
  // Only asked for the cluster's shape; it runs no command of ours.
  const topology = createRedis({
    url: options.url,
    connectionName: `${options.connectionName}:topology`,
    ...(logger ? { logger } : {}),
    whileDisconnected: "wait",
  }) as Cluster;
  // Each successful refresh emits "refresh", which reconciles the subscriptions.
  const refreshTimer = setInterval(() => {
    topology.refreshSlotsCache();
  }, options.topologyRefreshMs ?? CLUSTER_TOPOLOGY_REFRESH_MS);
  refreshTimer.unref();
  const perMaster = new Map<string, ExpiredKeyListener>();
  const credentials =
    target.username !== undefined || target.password !== undefined
      ? `${encodeURIComponent(target.username ?? "")}:${encodeURIComponent(target.password ?? "")}@`
      : "";
  const scheme = target.tls ? "rediss" : "redis";
  let stopped = false;

  const reconcile = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    const masters = new Set(topology.nodes("master").map(nodeAddress));
    for (const [address, listener] of perMaster) {
      if (masters.has(address)) continue;
      perMaster.delete(address);
      logger?.info({ node: address }, "no longer a master: expired-key subscription dropped");
      void listener.stop();
    }
    const subscribing: Promise<void>[] = [];
    for (const address of masters) {
      if (perMaster.has(address)) continue;
      const subscriber = createRedisSubscriber({
        url: `${scheme}://${credentials}${address}`,
        connectionName: `${options.connectionName}@${address}`,
        ...(logger ? { logger } : {}),
      });
      const listener = subscribeOn(subscriber, channel, onExpired, () => closeRedis(subscriber));
      perMaster.set(address, listener);
      subscribing.push(listener.ready);
    }
    return Promise.all(subscribing).then(() => undefined);
  };

  const onRefresh = () => {
    reconcile().catch((error: unknown) => {
      logger?.warn({ err: error }, "subscribing to a cluster master's expired keys failed");
    });
  };
  topology.on("refresh", onRefresh);
  const ready = new Promise<void>((resolve, reject) => {
    const onReady = () => {
      reconcile().then(resolve, reject);
    };
    if (topology.status === "ready") onReady();
    else topology.once("ready", onReady);
  });

  return {
    ready,
    stop: async () => {
      stopped = true;
      clearInterval(refreshTimer);
      topology.off("refresh", onRefresh);
      await Promise.all([...perMaster.values()].map((listener) => listener.stop()));
      perMaster.clear();
      await closeRedis(topology);
    },
  };
}

function nodeAddress(node: Redis): string {
  return `${node.options.host}:${node.options.port}`;
}

function subscribeOn(
  subscriber: RedisClient,
  channel: string,
  onExpired: (key: string) => void,
  close: () => Promise<void>,
): ExpiredKeyListener {
  const onMessage = (from: string, key: string) => {
    if (from === channel) onExpired(key);
  };
  subscriber.on("message", onMessage);
  const ready = subscriber.subscribe(channel).then(() => undefined);
  return {
    ready,
    stop: async () => {
      subscriber.off("message", onMessage);
      // While Redis is unreachable an unsubscribe would wait for it forever; closing the
      // connection afterwards ends the subscription anyway.
      if (subscriber.status === "ready") {
        await subscriber.unsubscribe(channel).catch(() => undefined);
      }
      await close();
    },
  };
}
