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
  /** Waitlist offers; unset: the defaults of WAITLIST_OFFER_TTL_SECONDS and HOLD_MAX_OPEN_PER_BUYER. */
  waitlist?: WaitlistSettings;
}

export interface WaitlistSettings {
  /** How long an offer holds its seats for the buyer. */
  offerTtlMs: number;
  /** Open holds (offers included) one buyer may have per performance. */
  maxOpenHolds: number;
  /**
   * QUEUE_KEY_PREFIX: while anyone waits in the performance's line, seats that come back
   * are theirs to find, not the waitlist's (the waitlist asks for no place in line).
   */
  queueKeyPrefix?: string;
}
