import { installGracefulShutdown } from "@ticketping/common/lifecycle";
import { createLogger } from "@ticketping/common/logger";
import { closeRedis, createRedis, createRedisSubscriber } from "@ticketping/common/redis";
import { createQueueService } from "./app";
import { env } from "./env";

const logger = createLogger({ name: "queue-service", level: env.LOG_LEVEL });
const redisOptions = { url: env.REDIS_URL, logger };
const redis = createRedis({ ...redisOptions, connectionName: "queue-service" });
const adapterPub = createRedis({ ...redisOptions, connectionName: "queue-service:adapter" });
const adapterSub = createRedisSubscriber({
  ...redisOptions,
  connectionName: "queue-service:adapter",
});

const service = createQueueService({ redis, adapterPub, adapterSub, logger });

installGracefulShutdown({
  logger,
  steps: [
    { name: "socket.io and http", run: service.close },
    {
      name: "redis",
      run: async () => {
        await Promise.all([redis, adapterPub, adapterSub].map(closeRedis));
      },
    },
  ],
});

service.http.listen(env.QUEUE_SERVICE_PORT, env.QUEUE_SERVICE_HOST, () => {
  // Report the bound port, not the configured one: tests ask for port 0.
  const address = service.http.address();
  const port = typeof address === "object" && address ? address.port : env.QUEUE_SERVICE_PORT;
  logger.info({ port, host: env.QUEUE_SERVICE_HOST }, "listening");
});
