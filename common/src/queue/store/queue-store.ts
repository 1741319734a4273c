import type { RedisClient } from "../../redis";
import { z } from "zod";
import { createGroupedBatcher, type GroupedBatcher } from "../../cache";
import type { RefusalReason, ReleaseReason } from "../codes";
import { userIdSchema } from "../ids";
import { dueRoundsKey, queueIndexKey, queueKeys, queueScriptKeys, type QueueKeys } from "../keys";
import type { PreQueueRound, QueueProgress, QueueStanding } from "../protocol";
import { encodeQueueSettings, type QueueSettings } from "../settings";
import { runQueueScript, type QueueScriptName } from "./load-scripts";
import {
  advanceReply,
  claimReply,
  disconnectReply,
  extendReply,
  leaveReply,
  markPresalePendingReply,
  parseJoinReplies,
  parseReply,
  type JoinReply,
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
  /** Told the number of buyers in every join script call (for a metric of batch sizes). */
  onJoinBatch?: (size: number) => void;
}

export class QueueSettingsMissingError extends Error {
  constructor(readonly performanceId: string) {
    super(`no queue settings in Redis for performance ${performanceId}`);
    this.name = "QueueSettingsMissingError";
  }
}

export type JoinOutcome = { status: "refused"; reason: RefusalReason } | QueueStanding;

/** One buyer's join, as the join script takes it in a batch. */
export interface JoinRequest {
  userId: string;
  /** True the first time a given socket joins this queue: counts a connected tab. */
  newConnection: boolean;
  /**
   * True when the buyer came in with a presale code. During a presale a buyer without one
   * waits for the general sale: refused NOT_OPEN_YET before its lead window, in its own
   * pre-queue within it. Left out: no code.
   */
  presaleHolder?: boolean;
}

/**
 * Joins of one sale that arrive while earlier ones are in Redis leave together in one
 * script call: the script's fixed cost (the call, the clock, the settings, the opening
 * check) is paid once per batch. A lone join goes out at once. Two batches in flight per
 * sale let the next one gather while Redis runs the last; 64 buyers keep one call's time
 * in Redis well under a millisecond (about 10 us a buyer), so other commands wait little.
 */
const JOIN_BATCH_SIZE = 64;
const JOIN_BATCHES_IN_FLIGHT = 2;

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
  /**
   * True while admission stands at a general round the organizer moved later: nobody waits
   * ahead of it (progress.pausedFromSeq), so the line holds by design. Absent with the progress.
   */
  paused: boolean | undefined;
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

function withPerformance(
  performanceId: string,
  reply: Exclude<JoinReply, NeedsSettings>,
): JoinOutcome {
  if (reply.status === "refused") return reply;
  return { ...reply, performanceId, progress: { ...reply.progress, performanceId } };
}

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
  private readonly onJoinBatch: ((size: number) => void) | undefined;
  private readonly joins: GroupedBatcher<JoinRequest, JoinOutcome>;

  constructor(options: QueueStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix;
    this.ensureSettings = options.ensureSettings;
    this.onJoinBatch = options.onJoinBatch;
    // Grouped by sale: one script call touches one sale's keys (one Redis Cluster slot).
    this.joins = createGroupedBatcher({
      maxBatchSize: JOIN_BATCH_SIZE,
      maxConcurrentBatches: JOIN_BATCHES_IN_FLIGHT,
      runBatch: (performanceId, requests) => this.joinBatch(performanceId, requests),
    });
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

  /**
   * Joins, or answers the existing place of a buyer already in the queue. Joins of the same
   * sale made at the same time share one script call (joinBatch); each buyer still gets
   * their own answer, or their own error.
   */
  async join(options: { performanceId: string } & JoinRequest): Promise<JoinOutcome> {
    const { performanceId, ...request } = options;
    // Checked here, so a bad id fails this call alone, not the batch it would travel in.
    this.keys(performanceId);
    userIdSchema.parse(request.userId);
    return this.joins.submit(performanceId, request);
  }

  /**
   * Runs the join script once for buyers of one sale, in the order given: each as if they
   * had joined alone one after the other. Answers one outcome per buyer, in order, or an
   * Error for that buyer alone (a malformed id, a failure of their join in Redis).
   */
  async joinBatch(
    performanceId: string,
    requests: readonly JoinRequest[],
  ): Promise<(JoinOutcome | Error)[]> {
    const outcomes: (JoinOutcome | Error | undefined)[] = requests.map((request) =>
      userIdSchema.safeParse(request.userId).success
        ? undefined
        : new Error(`not a user id: ${JSON.stringify(request.userId)}`),
    );
    let pending = outcomes.flatMap((outcome, index) => (outcome === undefined ? [index] : []));
    for (let attempt = 0; pending.length > 0; attempt++) {
      const replies = await this.runJoinScript(
        performanceId,
        pending.map((index) => requests[index] as JoinRequest),
      );
      const unsettled: number[] = [];
      replies.forEach((reply, position) => {
        const index = pending[position] as number;
        if (!(reply instanceof Error) && reply.status === "need_settings") {
          unsettled.push(index);
        } else {
          outcomes[index] = reply instanceof Error ? reply : withPerformance(performanceId, reply);
        }
      });
      if (unsettled.length > 0) {
        if (attempt > 0 || !this.ensureSettings) {
          for (const index of unsettled)
            outcomes[index] = new QueueSettingsMissingError(performanceId);
          break;
        }
        await this.ensureSettings(performanceId);
      }
      pending = unsettled;
    }
    return outcomes.map(
      (outcome) => outcome ?? new Error("the join script left a buyer unanswered"),
    );
  }

  private async runJoinScript(
    performanceId: string,
    requests: readonly JoinRequest[],
  ): Promise<(JoinReply | Error)[]> {
    this.onJoinBatch?.(requests.length);
    const raw = await this.run(
      "join",
      performanceId,
      requests.flatMap((request) => [
        request.userId,
        request.newConnection ? "1" : "0",
        request.presaleHolder === true ? "1" : "0",
      ]),
    );
    return parseJoinReplies(raw, requests.length);
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
      paused: reply.progress && reply.paused === true,
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

  /**
   * Marks the sale "presale pending" for `holdMs` if nobody is in its line, in one step:
   * from then on a buyer without a code is refused as during a presale until the settings
   * carry one (mark-presale-pending.lua). Answers how many are in line when it refused.
   */
  async markPresalePending(
    performanceId: string,
    holdMs: number,
    token: string,
  ): Promise<{ marked: true } | { marked: false; inLine: number }> {
    const reply = parseReply(
      markPresalePendingReply,
      await this.run("mark-presale-pending", performanceId, [
        "mark",
        Math.max(1, Math.floor(holdMs)),
        token,
      ]),
    );
    return reply.status === "in_line" ? { marked: false, inLine: reply.count } : { marked: true };
  }

  /**
   * Takes back the presale-pending mark set with `token` (an edit that did not commit), or
   * any mark without one (the presale was removed: a codeless buyer is welcome again).
   */
  async clearPresalePending(performanceId: string, token?: string): Promise<void> {
    parseReply(
      markPresalePendingReply,
      await this.run("mark-presale-pending", performanceId, ["clear", 0, token ?? ""]),
    );
  }

  /** Counts a proof of work at the door of this queue, for the sale's fairness report. */
  async countPowOutcome(performanceId: string, outcome: "solved" | "failed"): Promise<void> {
    await this.redis.hincrby(this.keys(performanceId).stats, `pow:${outcome}`, 1);
  }

  /**
   * Writes a queue's settings; with `startPace`, also starts the admission pace in the same
   * script when the queue has none, leaving a pace in force alone: the slow start then caps
   * the admission bucket from the sale's first admission on, before the first tick steps the
   * controller. Answers whether it started the pace.
   */
  async putSettings(
    performanceId: string,
    settings: QueueSettings,
    ttlMs: number,
    startPace?: PaceState,
  ): Promise<boolean> {
    const keys = this.keys(performanceId);
    const pace = startPace ? paceStateSchema.parse(startPace) : undefined;
    const started = await runQueueScript(
      this.redis,
      "put-settings",
      [keys.config, keys.state],
      [
        Math.max(1, Math.floor(ttlMs)),
        pace?.pace === undefined ? "" : String(pace.pace),
        String(pace?.steppedAt ?? 0),
        String(pace?.cutAt ?? 0),
        ...encodeQueueSettings(settings),
      ],
    );
    return started === 1;
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

  /**
   * Lists the sale's next round (the general sale after a presale, or an opening) at its
   * instant, so the ticker takes it up then though nobody touches the line meanwhile. A
   * moved instant replaces the old one, earlier or later.
   */
  async scheduleRound(performanceId: string, at: number): Promise<void> {
    await this.redis.zadd(dueRoundsKey(this.keyPrefix), Math.floor(at), performanceId);
  }

  /** Takes a sale's scheduled round off the list (its presale removed). */
  async unscheduleRound(performanceId: string): Promise<void> {
    await this.redis.zrem(dueRoundsKey(this.keyPrefix), performanceId);
  }

  /** Sales whose scheduled round is due by `until` (epoch ms). */
  async listDueRounds(until: number): Promise<string[]> {
    return this.redis.zrangebyscore(dueRoundsKey(this.keyPrefix), "-inf", Math.floor(until));
  }

  /**
   * Marks due rounds' sales live (the index the ticker reads) and then takes them off the
   * list, where their instant is still at most `until`: a round moved later meanwhile stays.
   */
  async takeDueRounds(until: number): Promise<string[]> {
    const due = await this.listDueRounds(until);
    if (due.length === 0) return due;
    await Promise.all(due.map((performanceId) => this.touchIndex(performanceId, until)));
    await runQueueScript(
      this.redis,
      "forget-due-rounds",
      [dueRoundsKey(this.keyPrefix)],
      [Math.floor(until), ...due],
    );
    return due;
  }

  async pruneIndex(inactiveBefore: number): Promise<void> {
    await this.redis.zremrangebyscore(queueIndexKey(this.keyPrefix), "-inf", `(${inactiveBefore}`);
  }
}
