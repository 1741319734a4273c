import { createServer, type Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server as SocketServer } from "socket.io";
import type { EventOf, reservationConfirmed } from "@ticketping/common/events";
import type { HealthCheck } from "@ticketping/common/health";
import type { Logger } from "@ticketping/common/logger";
import type { ScrapePolicy } from "@ticketping/common/metrics";
import {
  createQueueEntryRules,
  type LoadQueueEntryRules,
  type ReleaseReason,
} from "@ticketping/common/queue";
import { QueueStore } from "@ticketping/common/queue/store";
import type { ExpiredKeySource, RedisClient } from "@ticketping/common/redis";
import { listenForExpiredGrants } from "./release/expiry-listener";
import { startSweeper } from "./release/sweeper";
import { createBroadcastLog } from "./admission/broadcast-log";
import { startTicker } from "./admission/ticker";
import type { QueueServiceConfig } from "./config";
import { createHttpHandler } from "./http/routes";
import { createQueueMetrics, type QueueMetrics } from "./metrics";
import { createBuyerStates, type LoadBuyerStates } from "./door/buyer-states";
import type { PresaleLedger } from "./door/presale-ledger";
import { authenticateHandshake } from "./realtime/authenticate";
import { allowOrigins } from "./realtime/check-origin";
import { limitConnectionsPerAddress } from "./realtime/limit-connections";
import { createLocalQueueSockets } from "./realtime/local-queue-sockets";
import { createNotifier } from "./realtime/notifier";
import { releaseHandshakeRequest } from "./realtime/release-handshake-request";
import { createQueueHandlers } from "./realtime/queue-handlers";
import { RateLimiter } from "./realtime/rate-limiter";
import type { QueueServer } from "./realtime/types";
import type { LoadSaleFacts } from "./settings/sale-facts";
import { createSettingsLoader } from "./settings/settings-loader";

export interface QueueServiceDeps {
  redis: RedisClient;
  /** Pub/sub connections for the Socket.IO adapter, so several instances share rooms. */
  adapterPub: RedisClient;
  adapterSub: RedisClient;
  /** Expired-key notifications; without them only the sweeper frees lapsed slots. */
  expiredKeys?: ExpiredKeySource;
  loadSaleFacts: LoadSaleFacts;
  /** What the session door reads from the database (see door/enter-with-session.ts). */
  loadBuyerStates: LoadBuyerStates;
  loadEntryRules: LoadQueueEntryRules;
  /** Presale codes: checked at the session door, spent at the claim, given back unbought. */
  presale: PresaleLedger;
  config: QueueServiceConfig;
  logger: Logger;
  /** Extra /ready checks from the process (its Kafka consumer, shutdown in progress). */
  readiness?: Record<string, HealthCheck>;
  /** Who may scrape /metrics (a bearer token; off in production without one). */
  scrape?: ScrapePolicy;
}

export interface QueueService {
  http: HttpServer;
  io: QueueServer;
  store: QueueStore;
  metrics: QueueMetrics;
  /** Resolves once expiry notifications are subscribed (immediately without a subscriber). */
  ready: Promise<void>;
  /** Ends the buyer's working slot of a confirmed reservation (the Kafka consumer's job). */
  releaseConfirmed: (event: EventOf<typeof reservationConfirmed>) => Promise<void>;
  /** Stops ticking and sweeping, then closes every socket and the HTTP server. */
  close: () => Promise<void>;
}

export function createQueueService(deps: QueueServiceDeps): QueueService {
  const { config, logger } = deps;
  const settings = createSettingsLoader({
    writer: new QueueStore({ redis: deps.redis, keyPrefix: config.keyPrefix }),
    loadSaleFacts: deps.loadSaleFacts,
    config,
    logger,
  });
  const store = new QueueStore({
    redis: deps.redis,
    keyPrefix: config.keyPrefix,
    ensureSettings: settings.ensure,
    // Only called once buyers join, after the metrics below exist.
    onJoinBatch: (size) => {
      metrics.joinBatchSize.observe(size);
    },
  });
  const liveQueues = () => store.listQueues(Date.now() - config.idleQueueRetentionMs);

  const metrics = createQueueMetrics({
    // Only called at scrape time, after the server below exists.
    connectedSockets: () => server.engine.clientsCount,
    liveQueueStats: async () => Promise.all((await liveQueues()).map((id) => store.stats(id))),
  });
  // Registered before Socket.IO attaches, which then hands it every non-Socket.IO request.
  const http = createServer(
    createHttpHandler({
      redis: deps.redis,
      store,
      registry: metrics.registry,
      logger,
      ...(deps.readiness ? { readiness: deps.readiness } : {}),
      ...(deps.scrape ? { scrape: deps.scrape } : {}),
    }),
  );
  const server: QueueServer = new SocketServer(http, {
    adapter: createAdapter(deps.adapterPub, deps.adapterSub),
    // Queue messages are small; a large frame is abuse, not a buyer.
    maxHttpBufferSize: 16 * 1024,
    serveClient: false,
    cors: { origin: config.corsOrigins, credentials: true },
    allowRequest: allowOrigins(config.corsOrigins),
  });

  const sockets = createLocalQueueSockets();
  const broadcasts = createBroadcastLog();
  const notifier = createNotifier({
    io: server,
    sockets,
    broadcastDuration: metrics.broadcastDuration,
    onHeard: broadcasts.record,
  });
  const lastTouched = new Map<string, number>();
  // A sale whose round is still to come (`until`: its general sale after a presale, or its
  // opening) is listed among the due rounds at that instant, so the ticker runs the round
  // on time even if nobody touches the line meanwhile, without ticking it until then.
  const touchQueue = (performanceId: string, until = 0) => {
    const now = Date.now();
    if (now - (lastTouched.get(performanceId) ?? 0) < 1_000) return;
    lastTouched.set(performanceId, now);
    const touched = [store.touchIndex(performanceId, now)];
    if (until > now) touched.push(store.scheduleRound(performanceId, until));
    Promise.all(touched).catch((error: unknown) => {
      logger.warn({ err: error, performanceId }, "marking a queue live failed");
    });
  };

  const joinLimits = {
    perUser: new RateLimiter(config.joinLimitPerUserPerMin),
    perIp: new RateLimiter(config.joinLimitPerIpPerMin),
  };
  server.use(
    limitConnectionsPerAddress({
      trustedProxies: config.trustedProxies,
      perAddress: new RateLimiter(config.connectLimitPerIpPerMin),
    }),
  );
  const { sessionDoor } = config;
  // One source for both the session door and the claim, so they agree on when a presale ends.
  const entryRules = createQueueEntryRules({
    load: deps.loadEntryRules,
    defaultPowComplexity: sessionDoor?.defaultPowComplexity ?? 0,
  });

  const onReleased = (
    performanceId: string,
    userId: string,
    reason: ReleaseReason,
    tokenId?: string,
  ) => {
    metrics.releases.inc({ reason });
    notifier.released(performanceId, userId, reason);
    // Every end of a turn, paid or not, of a performance with a presale (past or present):
    // its use comes back once nothing of the turn is live or bought (see endPresaleTurn).
    // Other sales never reach PostgreSQL here. A lost report is caught by the worker's sweep.
    const turn = { performanceId, userId, ...(tokenId === undefined ? {} : { tokenId }) };
    entryRules
      .get(performanceId)
      .then((rules) => (rules?.generalSaleOpensAt == null ? 0 : deps.presale.endTurn(turn)))
      .catch((error: unknown) => {
        logger.warn({ err: error, performanceId, userId }, "ending a presale turn failed");
      });
  };

  server.use(
    authenticateHandshake({
      ticketSecret: config.ticketSecret,
      redis: deps.redis,
      keyPrefix: config.keyPrefix,
      logger,
      sessionDoor: sessionDoor && {
        secret: sessionDoor.secret,
        redis: deps.redis,
        buyers: createBuyerStates({ load: deps.loadBuyerStates, ttlMs: sessionDoor.checkTtlMs }),
        rules: entryRules,
        presale: deps.presale,
        preQueueLeadMs: config.preQueueLeadMs,
      },
    }),
  );
  server.on("connection", releaseHandshakeRequest);
  server.on(
    "connection",
    createQueueHandlers({
      store,
      config,
      notifier,
      sockets,
      metrics,
      logger,
      joinLimits,
      touchQueue,
      entryRules,
      presale: deps.presale,
      onReleased,
    }),
  );

  const ticker = startTicker({ store, settings, notifier, metrics, config, logger, broadcasts });
  const sweeper = startSweeper({ store, config, logger, onReleased });
  const expiry = deps.expiredKeys
    ? listenForExpiredGrants({ expiredKeys: deps.expiredKeys, store, logger, onReleased })
    : undefined;

  return {
    http,
    io: server,
    store,
    metrics,
    ready: expiry?.ready ?? Promise.resolve(),
    releaseConfirmed: async (event) => {
      const { performanceId, userId } = event.payload;
      const outcome = await store.release({
        performanceId,
        userId,
        reason: "confirmed",
        admittedBefore: Date.parse(event.occurredAt),
      });
      if (outcome.status === "released") {
        onReleased(performanceId, userId, outcome.reason, outcome.tokenId);
      }
    },
    close: async () => {
      await Promise.all([ticker.stop(), sweeper.stop(), expiry?.stop()]);
      // io.close() also closes the HTTP server and disconnects every socket.
      await new Promise<void>((resolve) => {
        void server.close(() => {
          resolve();
        });
      });
    },
  };
}
