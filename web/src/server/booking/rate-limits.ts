import type { RateLimitRule } from "@ticketping/common/rate-limit";

/**
 * Every hold and every release changes the seat map's version, which sends every polling
 * buyer the whole status again instead of a 304: one script holding and releasing in a
 * loop would make the crowd's polls expensive. A person picking seats, losing a race for
 * some and trying others, makes a handful of attempts in ten minutes; twenty is far above
 * that and far below a loop.
 */
export const holdRateLimits = {
  perBuyerAndPerformance: { name: "hold:buyer-performance", limit: 20, windowMs: 10 * 60_000 },
} satisfies Record<string, RateLimitRule>;
