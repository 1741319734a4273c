import { createLogger } from "@ticketping/common/logger";
import { QueueStore } from "@ticketping/common/queue/store";
import type { PrismaClient } from "@ticketping/db";
import type { RedisClient } from "@ticketping/common/redis";
import type { QueueServiceConfig } from "../../src/config";
import { loadSaleFactsFromDatabase } from "../../src/settings/load-sale-facts-from-database";
import { createSettingsLoader } from "../../src/settings/settings-loader";

/** A store wired like the service's: settings loaded from the database on demand. */
export function createStore(options: {
  redis: RedisClient;
  prisma: PrismaClient;
  config: QueueServiceConfig;
}): QueueStore {
  const { redis, config } = options;
  const settings = createSettingsLoader({
    writer: new QueueStore({ redis, keyPrefix: config.keyPrefix }),
    loadSaleFacts: loadSaleFactsFromDatabase(options.prisma),
    config,
    logger: createLogger({ name: "queue-test", level: "silent" }),
  });
  return new QueueStore({ redis, keyPrefix: config.keyPrefix, ensureSettings: settings.ensure });
}
