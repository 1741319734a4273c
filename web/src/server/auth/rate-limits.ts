import type { RateLimitRule } from "@ticketping/common/rate-limit";

const minute = 60_000;

/** Guessing passwords is slow work: a person never needs more than this. */
export const signInRateLimits = {
  perIp: { name: "signin:ip", limit: 30, windowMs: 10 * minute },
  perEmail: { name: "signin:email", limit: 10, windowMs: 10 * minute },
} satisfies Record<string, RateLimitRule>;

export const signUpRateLimits = {
  perIp: { name: "signup:ip", limit: 10, windowMs: 60 * minute },
} satisfies Record<string, RateLimitRule>;
