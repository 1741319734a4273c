import type { RateLimitRule } from "@ticketping/common/rate-limit";

const minute = 60_000;

/**
 * Guessing passwords is slow work: a person never needs more than this. Walls stand only
 * where the attacker stands (their address, their address with the target's email); the
 * email alone, which anyone can flood from many addresses, only slows down, so its owner
 * can still sign in from their own address during a flood.
 */
export const signInRateLimits = {
  perAddress: { name: "signin:ip", limit: 30, windowMs: 10 * minute },
  perEmailAndAddress: { name: "signin:email-ip", limit: 10, windowMs: 10 * minute },
  /** Over this, every attempt for the email waits (see SIGN_IN_SLOWDOWN_MS), none is refused. */
  perEmail: { name: "signin:email", limit: 10, windowMs: 10 * minute },
} satisfies Record<string, RateLimitRule>;

/** How long an attempt for a flooded email waits before its password is checked. */
export const SIGN_IN_SLOWDOWN_MS = 2_000;

/**
 * Many people share an address (an office, a campus, a mobile carrier): a short window
 * lets the next of them in within minutes of a burst instead of an hour later, while a
 * farm on one address still gets no more than two accounts a minute.
 */
export const signUpRateLimits = {
  perAddress: { name: "signup:ip", limit: 10, windowMs: 5 * minute },
} satisfies Record<string, RateLimitRule>;

/**
 * A new verification link is a mail into the user's own inbox: a person who lost one asks
 * once or twice; more would let a script fill a mailbox with our mail.
 */
export const verificationMailRateLimits = {
  perUser: { name: "verification-mail:user", limit: 3, windowMs: 15 * minute },
} satisfies Record<string, RateLimitRule>;
