import type { RedisClient } from "../../redis";
import { z } from "zod";
import type { RefusalReason, ReleaseReason } from "../codes";
import { userIdSchema } from "../ids";
import { queueIndexKey, queueKeys, queueScriptKeys, type QueueKeys } from "../keys";
import type { PreQueueRound, QueueProgress, QueueStanding } from "../protocol";
import { encodeQueueSettings, type QueueSettings } from "../settings";
import { runQueueScript, type QueueScriptName } from "./load-scripts";
import {
  advanceReply,
  claimReply,
  disconnectReply,
  extendReply,
  joinReply,
  leaveReply,
  parseReply,
  releaseReply,
  statsReply,
  statusReply,
  sweepReply,
} from "./replies";

export interface QueueStoreOptions {
  redis: RedisClient;
  /** QUEUE_KEY_PREFIX. */
  keyPrefix: string;
  /**
   * Writes a queue's settings to Redis (putSettings) when a script finds none; the script
   * is then retried once. Without it such calls throw QueueSettingsMissingError.
   */
  ensureSettings?: (performanceId: string) => Promise<void>;
}

export class QueueSettingsMissingError extends Error {
  constructor(readonly performanceId: string) {
    super(`no queue settings in Redis for performance ${performanceId}`);
    this.name = "QueueSettingsMissingError";
  }
}

export type JoinOutcome = { status: "refused"; reason: RefusalReason } | QueueStanding;

export type AdvanceOutcome =
  | { status: "skipped" }
  | {
      status: "advanced";
      progress: QueueProgress;
      settingsLoadedAt: number;
      /** True when this call opened the sale (shuffled the pre-queue into the line). */
      opened: boolean;
      /** True when this call opened the general sale after a presale (its pre-queue likewise). */
      generalOpened: boolean;
      abandoned: number;
      admitted: string[];
      claimBy: number | undefined;
    };

export type ClaimOutcome = Exclude<z.infer<typeof claimReply>, { status: "need_settings" }>;
export type ExtendOutcome = Exclude<z.infer<typeof extendReply>, { status: "need_settings" }>;
export type LeaveOutcome = z.infer<typeof leaveReply>;
export type ReleaseOutcome = z.infer<typeof releaseReply>;
export type DisconnectOutcome = Exclude<
  z.infer<typeof disconnectReply>,
  { status: "need_settings" }
>;

/**
 * What the stats script reads of one queue in one consistent step: its monotonic counters
 * and its progress. The organizer's figures (web's QueueStats) and the queue service's
 * gauges are both derived from it.
 */
export interface QueueSnapshot {
  performanceId: string;
  counters: Record<string, number>;
  /** Absent when the queue has no settings in Redis (never used, or idle long enough). */
  progress: QueueProgress | undefined;
  /**
   * Admissions per second allowed now: the organizer's admitRate, or the pace controller's
   * lower pace while the booking path is slow (the bucket's rule, takeAdmissionTokens).
   * Absent with the progress.
   */
  admissionPacePerSec: number | undefined;
}

const shuffleRecordSchema = z.object({
  openedAt: z.number().int(),
  entrants: z.array(z.string()),
  lineOrder: z.array(z.string()),
});
export type ShuffleRecord = z.infer<typeof shuffleRecordSchema>;

const recordEntrySchema = z
  .string()
  .regex(/^[aj]:\d+:\d+$/)
  .transform((entry) => {
    const [kind, seq, at] = entry.split(":");
    return {
      kind: kind === "a" ? ("admission" as const) : ("join" as const),
      seq: Number(seq),
      at: Number(at),
    };
  });

const saleRecordSchema = z.object({
  counters: z.record(z.string(), z.coerce.number().int()),
  openedAt: z.coerce.number().int().nullable(),
  /** When the general sale after a presale opened (its pre-queue shuffled in); null before or without one. */
  generalOpenedAt: z.coerce.number().int().nullable(),
  entries: z.array(recordEntrySchema),
});
/** An admission ("a") or a join-time mark ("j"): a sequence number and a time in ms. */
export type SaleRecordEntry = z.infer<typeof recordEntrySchema>;
export type SaleRecord = z.infer<typeof saleRecordSchema>;

/** Redis's cjson encodes an empty table as `{}`, not `[]`. */
function emptyLuaArray(value: unknown): unknown {
  return typeof value === "object" && value !== null && Object.keys(value).length === 0
    ? []
    : value;
}

const paceStateSchema = z.object({
  pace: z.coerce.number().positive().optional(),
  steppedAt: z.coerce.number().int().min(0),
  cutAt: z.coerce.number().int().min(0),
});
/** The admission pace controller's state in the queue's state hash (see paceState). */
export type PaceState = z.infer<typeof paceStateSchema>;

type NeedsSettings = { status: "need_settings" };

/**
 * The scripts' former per-call shuffle seed argument, kept empty so the argument positions
 * stay put: the pre-queue is now ordered by the seed committed in the settings.
 */
const UNUSED_SEED = "";

/**
 * The typed gateway to the queue's Lua scripts: every state change of a queue happens in
 * one of them, atomically; this class only builds keys, runs them and parses replies.
 */
export class QueueStore {
  readonly redis: RedisClient;
  readonly keyPrefix: string;
  private readonly ensureSettings: ((performanceId: string) => Promise<void>) | undefined;

  constructor(options: QueueStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix;
    this.ensureSettings = options.ensureSettings;
  }

  keys(performanceId: string): QueueKeys {
    return queueKeys(this.keyPrefix, performanceId);
  }

  private run(
    name: QueueScriptName,
    performanceId: string,
    args: readonly (string | number)[],
  ): Promise<unknown> {
    const keys = this.keys(performanceId);
    return runQueueScript(this.redis, name, queueScriptKeys(keys), [keys.grantPrefix, ...args]);
  }

  private async withSettings<Reply extends { status: string }>(
    performanceId: string,
    attempt: () => Promise<Reply>,
  ): Promise<Exclude<Reply, NeedsSettings>> {
    const first = await attempt();
    if (first.status !== "need_settings") return first as Exclude<Reply, NeedsSettings>;
    if (!this.ensureSettings) throw new QueueSettingsMissingError(performanceId);
    await this.ensureSettings(performanceId);
    const second = await attempt();
    if (second.status === "need_settings") throw new QueueSettingsMissingError(performanceId);
    return second as Exclude<Reply, NeedsSettings>;
  }

  /** Joins, or answers the existing place of a buyer already in the queue. */
  async join(options: {
    performanceId: string;
    userId: string;
    /** True the first time a given socket joins this queue: counts a connected tab. */
    newConnection: boolean;
    /**
     * True when the buyer came in with a presale code. During a presale a buyer without one
     * waits for the general sale: refused NOT_OPEN_YET before its lead window, in its own
     * pre-queue within it. Left out: no code.
     */
    presaleHolder?: boolean;
  }): Promise<JoinOutcome> {
    const { performanceId } = options;
    const reply = await this.withSettings(performanceId, async () =>
      parseReply(
        joinReply,
        await this.run("join", performanceId, [
          userIdSchema.parse(options.userId),
          UNUSED_SEED,
          options.newConnection ? "1" : "0",
          options.presaleHolder === true ? "1" : "0",
        ]),
      ),
    );
    if (reply.status === "refused") return reply;
    return { ...reply, performanceId, progress: { ...reply.progress, performanceId } };
  }

  /** Where a buyer stands; null when not in the queue. */
  async status(options: { performanceId: string; userId: string }): Promise<QueueStanding | null> {
    const { performanceId } = options;
    const reply = await this.withSettings(performanceId, async () =>
      parseReply(
        statusReply,
        await this.run("status", performanceId, [userIdSchema.parse(options.userId), UNUSED_SEED]),
      ),
    );
    if (reply.status === "not_in_queue") return null;
    return { ...reply, performanceId, progress: { ...reply.progress, performanceId } };
  }

  /** One tick: a no-op ("skipped") if another caller advanced this queue < minIntervalMs ago. */
  async advance(options: {
    performanceId: string;
    minIntervalMs: number;
    maxAdmissions: number;
  }): Promise<AdvanceOutcome> {
    const { performanceId } = options;
    const reply = await this.withSettings(performanceId, async () =>
      parseReply(
        advanceReply,
        await this.run("advance", performanceId, [
          UNUSED_SEED,
          options.minIntervalMs,
          options.maxAdmissions,
        ]),
      ),
    );
    if (reply.status === "skipped") return reply;
    return {
      ...reply,
      progress: { ...reply.progress, performanceId },
      claimBy: reply.claimBy,
    };
  }

  async claim(options: {
    performanceId: string;
    userId: string;
    /** Used only if this is the first claim of the grant. */
    tokenId: string;
  }): Promise<ClaimOutcome> {
    const { performanceId } = options;
    return this.withSettings(performanceId, async () =>
      parseReply(
        claimReply,
        await this.run("claim", performanceId, [
          userIdSchema.parse(options.userId),
          options.tokenId,
        ]),
      ),
    );
  }

  /** Extends a claimed token once; `checkOnly` answers what the extension would be. */
  async extend(options: {
    performanceId: string;
    userId: string;
    checkOnly?: boolean;
  }): Promise<ExtendOutcome> {
    const { performanceId } = options;
    return this.withSettings(performanceId, async () =>
      parseReply(
        extendReply,
        await this.run("extend", performanceId, [
          userIdSchema.parse(options.userId),
          options.checkOnly ? "check" : "",
        ]),
      ),
    );
  }

  async leave(options: { performanceId: string; userId: string }): Promise<LeaveOutcome> {
    return parseReply(
      leaveReply,
      await this.run("leave", options.performanceId, [userIdSchema.parse(options.userId)]),
    );
  }

  /** Frees a working slot; see release.lua for the exactly-once guarantees. */
  async release(options: {
    performanceId: string;
    userId: string;
    reason: ReleaseReason;
    /** Epoch ms: keep a grant admitted after this (it is newer than the event). */
    admittedBefore?: number;
    /** Release only the grant carrying this token id. */
    tokenId?: string;
  }): Promise<ReleaseOutcome> {
    return parseReply(
      releaseReply,
      await this.run("release", options.performanceId, [
        userIdSchema.parse(options.userId),
        options.reason,
        options.admittedBefore === undefined ? "" : Math.floor(options.admittedBefore),
        options.tokenId ?? "",
      ]),
    );
  }

  /** Frees slots whose grant lapsed unnoticed; answers the users released. */
  async sweep(options: { performanceId: string; limit: number }): Promise<string[]> {
    const reply = parseReply(
      sweepReply,
      await this.run("sweep", options.performanceId, [options.limit]),
    );
    return reply.released;
  }

  async disconnect(options: { performanceId: string; userId: string }): Promise<DisconnectOutcome> {
    const { performanceId } = options;
    return this.withSettings(performanceId, async () =>
      parseReply(
        disconnectReply,
        await this.run("disconnect", performanceId, [userIdSchema.parse(options.userId)]),
      ),
    );
  }

  async stats(performanceId: string): Promise<QueueSnapshot> {
    const reply = parseReply(statsReply, await this.run("stats", performanceId, []));
    return {
      performanceId,
      counters: reply.counters,
      progress: reply.progress && { ...reply.progress, performanceId },
      admissionPacePerSec:
        reply.progress &&
        Math.min(reply.progress.admitRatePerSec, reply.pace ?? reply.progress.admitRatePerSec),
    };
  }

  /**
   * What an opening recorded for the fairness record: its pre-queue in join order and the
   * order the committed shuffle gave it. `round`: the sale's opening (the default), or the
   * general sale's after a presale. Null until that opening has happened.
   */
  async shuffleRecord(
    performanceId: string,
    round: PreQueueRound = "opening",
  ): Promise<ShuffleRecord | null> {
    const fields =
      round === "opening"
        ? (["opened", "openedAt", "fairEntrants", "fairLineOrder"] as const)
        : (["generalOpened", "generalOpenedAt", "generalEntrants", "generalLineOrder"] as const);
    const [opened, openedAt, entrants, lineOrder] = await this.redis.hmget(
      this.keys(performanceId).state,
      ...fields,
    );
    if (opened !== "1" || !entrants || !lineOrder) return null;
    return shuffleRecordSchema.parse({
      openedAt: Number(openedAt),
      entrants: emptyLuaArray(JSON.parse(entrants)),
      lineOrder: emptyLuaArray(JSON.parse(lineOrder)),
    });
  }

  /**
   * What the queue recorded for the sale's fairness report, read in one step: its counters,
   * when it opened, and the record of admissions and join-time marks (includes/queue.lua,
   * appendRecord), oldest first.
   */
  async saleRecord(performanceId: string): Promise<SaleRecord> {
    const keys = this.keys(performanceId);
    const replies = await this.redis
      .multi()
      .hgetall(keys.stats)
      .hget(keys.state, "openedAt")
      .lrange(keys.record, 0, -1)
      .hget(keys.state, "generalOpenedAt")
      .exec();
    return saleRecordSchema.parse({
      counters: replies?.[0]?.[1],
      openedAt: replies?.[1]?.[1] ?? null,
      entries: replies?.[2]?.[1],
      generalOpenedAt: replies?.[3]?.[1] ?? null,
    });
  }

  /** Counts a proof of work at the door of this queue, for the sale's fairness report. */
  async countPowOutcome(performanceId: string, outcome: "solved" | "failed"): Promise<void> {
    await this.redis.hincrby(this.keys(performanceId).stats, `pow:${outcome}`, 1);
  }

  async putSettings(performanceId: string, settings: QueueSettings, ttlMs: number): Promise<void> {
    await runQueueScript(
      this.redis,
      "put-settings",
      [this.keys(performanceId).config],
      [Math.max(1, Math.floor(ttlMs)), ...encodeQueueSettings(settings)],
    );
  }

  /** Drops cached settings so the next script call reloads them (after an organizer edit). */
  async invalidateSettings(performanceId: string): Promise<void> {
    await this.redis.del(this.keys(performanceId).config);
  }

  /**
   * The admission pace controller's state: the pace (admissions per second) capping the
   * admission bucket (includes/admission.lua, takeAdmissionTokens) below the organizer's
   * admitRate, undefined when none is set, and the epoch ms of its last step and halving.
   */
  async paceState(performanceId: string): Promise<PaceState> {
    const [pace, steppedAt, cutAt] = await this.redis.hmget(
      this.keys(performanceId).state,
      "pace",
      "paceSteppedAt",
      "paceCutAt",
    );
    return paceStateSchema.parse({
      pace: pace ?? undefined,
      steppedAt: steppedAt ?? 0,
      cutAt: cutAt ?? 0,
    });
  }

  /** Writes the controller's state; a pace of undefined lifts the cap (admitRate alone). */
  async setPaceState(performanceId: string, state: PaceState): Promise<void> {
    const key = this.keys(performanceId).state;
    const checked = paceStateSchema.parse(state);
    if (checked.pace === undefined) {
      await this.redis.hdel(key, "pace", "paceSteppedAt", "paceCutAt");
      return;
    }
    await this.redis.hset(key, {
      pace: String(checked.pace),
      paceSteppedAt: String(checked.steppedAt),
      paceCutAt: String(checked.cutAt),
    });
  }

  /** Marks a queue as live so every instance ticks it. */
  async touchIndex(performanceId: string, at = Date.now()): Promise<void> {
    await this.redis.zadd(queueIndexKey(this.keyPrefix), "GT", at, performanceId);
  }

  async listQueues(activeSince: number): Promise<string[]> {
    return this.redis.zrangebyscore(queueIndexKey(this.keyPrefix), activeSince, "+inf");
  }

  async pruneIndex(inactiveBefore: number): Promise<void> {
    await this.redis.zremrangebyscore(queueIndexKey(this.keyPrefix), "-inf", `(${inactiveBefore}`);
  }
}
