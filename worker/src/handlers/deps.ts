import type { Logger } from "@ticketping/common/logger";
import type { PaymentProvider } from "@ticketping/common/payments";
import type { RedisClient } from "@ticketping/common/redis";
import type { PrismaClient } from "@ticketping/db";

export interface HandlerDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** The seat-map cache. */
  redis: RedisClient;
  /** SEAT_KEY_PREFIX: where the seat-map cache and the holds live in `redis`. */
  seatKeyPrefix: string;
  payments: PaymentProvider;
}
