import type { TrustedProxies } from "@ticketping/common/http";
import { preQueueLeadMs, type Env } from "./env";

/** Everything the service's behaviour depends on, independent of where it came from. */
export interface QueueServiceConfig {
  keyPrefix: string;
  ticketSecret: string;
  tokenSecret: string;
  corsOrigins: string[];
  /** Whose X-Forwarded-For names the client for per-address limits. */
  trustedProxies: TrustedProxies;
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
  /**
   * The booking path's p95 (ms) the admission pace aims under (admission/next-pace.ts);
   * 0: no pace controller, admission at the organizer's fixed rate.
   */
  paceTargetMs: number;
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
  /** Handshakes per client address and minute, at the socket door. */
  connectLimitPerIpPerMin: number;
  /** Sockets one buyer may have in one performance's queue (its tabs), per instance. */
  maxSocketsPerBuyer: number;
  /** The door that takes the web app's session instead of a ticket; undefined: tickets only. */
  sessionDoor:
    | {
        /** The web app's NEXTAUTH_SECRET. */
        secret: string;
        /** How long a buyer's session version and email state are trusted (as the web app). */
        checkTtlMs: number;
        /** The line's proof of work where its organizer left it empty (as the web app). */
        defaultPowComplexity: number;
      }
    | undefined;
}

export function configFromEnv(env: Env): QueueServiceConfig {
  return {
    keyPrefix: env.QUEUE_KEY_PREFIX,
    ticketSecret: env.QUEUE_TICKET_SECRET,
    tokenSecret: env.QUEUE_TOKEN_SECRET,
    corsOrigins: env.QUEUE_CORS_ORIGINS,
    trustedProxies: env.TRUSTED_PROXIES,
    defaults: {
      maxActive: env.QUEUE_DEFAULT_MAX_ACTIVE,
      admitRatePerSec: env.QUEUE_DEFAULT_ADMIT_RATE_PER_SEC,
      tokenTtlSeconds: env.QUEUE_DEFAULT_TOKEN_TTL_SECONDS,
      refuseRatio: env.QUEUE_DEFAULT_REFUSE_RATIO,
    },
    claimWindowMs: env.QUEUE_CLAIM_WINDOW_SECONDS * 1_000,
    graceMs: env.QUEUE_DISCONNECT_GRACE_SECONDS * 1_000,
    preQueueLeadMs,
    tickMs: env.QUEUE_TICK_MS,
    maxAdmissionsPerTick: env.QUEUE_MAX_ADMISSIONS_PER_TICK,
    paceTargetMs: env.QUEUE_PACE_TARGET_MS,
    progressIntervalMs: env.QUEUE_PROGRESS_INTERVAL_MS,
    progressKeepaliveMs: env.QUEUE_PROGRESS_KEEPALIVE_MS,
    sweepIntervalMs: env.QUEUE_SWEEP_INTERVAL_MS,
    settingsRefreshMs: env.QUEUE_SETTINGS_REFRESH_MS,
    idleQueueRetentionMs: 60 * 60 * 1_000,
    joinLimitPerUserPerMin: env.QUEUE_JOIN_LIMIT_PER_USER_PER_MIN,
    joinLimitPerIpPerMin: env.QUEUE_JOIN_LIMIT_PER_IP_PER_MIN,
    connectLimitPerIpPerMin: env.QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN,
    maxSocketsPerBuyer: env.QUEUE_MAX_SOCKETS_PER_BUYER,
    sessionDoor: env.NEXTAUTH_SECRET
      ? {
          secret: env.NEXTAUTH_SECRET,
          checkTtlMs: env.SESSION_CHECK_TTL_SECONDS * 1_000,
          defaultPowComplexity: env.POW_QUEUE_COMPLEXITY,
        }
      : undefined,
  };
}
