import type { Env } from "./env";

/** Everything the service's behaviour depends on, independent of where it came from. */
export interface QueueServiceConfig {
  keyPrefix: string;
  ticketSecret: string;
  tokenSecret: string;
  corsOrigins: string[];
  trustProxy: boolean;
  /** Used for a performance whose organizer left the value unset. */
  defaults: {
    maxActive: number;
    admitRatePerSec: number;
    tokenTtlSeconds: number;
    refuseRatio: number;
  };
  claimWindowMs: number;
  graceMs: number;
  preQueueLeadMs: number;
  tickMs: number;
  maxAdmissionsPerTick: number;
  /** A queue's progress goes out at most this often, however often it changes. */
  progressIntervalMs: number;
  /** ...and at least this often, so a quiet queue still shows signs of life. */
  progressKeepaliveMs: number;
  sweepIntervalMs: number;
  settingsRefreshMs: number;
  /** A queue with no activity for this long stops being ticked. */
  idleQueueRetentionMs: number;
  joinLimitPerUserPerMin: number;
  joinLimitPerIpPerMin: number;
}

export function configFromEnv(env: Env): QueueServiceConfig {
  return {
    keyPrefix: env.QUEUE_KEY_PREFIX,
    ticketSecret: env.QUEUE_TICKET_SECRET,
    tokenSecret: env.QUEUE_TOKEN_SECRET,
    corsOrigins: env.QUEUE_CORS_ORIGINS,
    trustProxy: env.QUEUE_TRUST_PROXY,
    defaults: {
      maxActive: env.QUEUE_DEFAULT_MAX_ACTIVE,
      admitRatePerSec: env.QUEUE_DEFAULT_ADMIT_RATE_PER_SEC,
      tokenTtlSeconds: env.QUEUE_DEFAULT_TOKEN_TTL_SECONDS,
      refuseRatio: env.QUEUE_DEFAULT_REFUSE_RATIO,
    },
    claimWindowMs: env.QUEUE_CLAIM_WINDOW_SECONDS * 1_000,
    graceMs: env.QUEUE_DISCONNECT_GRACE_SECONDS * 1_000,
    preQueueLeadMs: env.QUEUE_PREQUEUE_LEAD_SECONDS * 1_000,
    tickMs: env.QUEUE_TICK_MS,
    maxAdmissionsPerTick: env.QUEUE_MAX_ADMISSIONS_PER_TICK,
    progressIntervalMs: env.QUEUE_PROGRESS_INTERVAL_MS,
    progressKeepaliveMs: env.QUEUE_PROGRESS_KEEPALIVE_MS,
    sweepIntervalMs: env.QUEUE_SWEEP_INTERVAL_MS,
    settingsRefreshMs: env.QUEUE_SETTINGS_REFRESH_MS,
    idleQueueRetentionMs: 60 * 60 * 1_000,
    joinLimitPerUserPerMin: env.QUEUE_JOIN_LIMIT_PER_USER_PER_MIN,
    joinLimitPerIpPerMin: env.QUEUE_JOIN_LIMIT_PER_IP_PER_MIN,
  };
}
