import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { sealSessionToken } from "@ticketping/common/accounts";
import { entryPassKey, queueEntryRateLimit, type QueueStanding } from "@ticketping/common/queue";
import { consumeRateLimit } from "@ticketping/common/rate-limit";
import { createTestBuyers } from "@ticketping/db/testing";
import type { QueueServiceConfig } from "../src/config";
import { createPerformance } from "./support/fixtures";
import { TEST_SESSION_SECRET, type TestInstance } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";

// The socket's session door (README, "Two doors"): every check the ticket route makes
// before it signs a ticket, made at the handshake instead, and attacked here.

const bed = useQueueTestBed("queue_session_door");

const serve = (overrides: Partial<QueueServiceConfig> = {}): Promise<TestInstance> =>
  bed.serve({ overrides });

type Outcome =
  | { connected: true; socket: Socket }
  | { connected: false; code: unknown; data: Record<string, unknown> | undefined };

/** A handshake with the session cookie (as the browser sends it) for one performance. */
async function enter(
  url: string,
  { token, performanceId, auth }: { token?: string; performanceId: string; auth?: object },
): Promise<Outcome> {
  const socket: Socket = io(url, {
    auth: auth ?? { performanceId },
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: token ? { cookie: `theme=dark; next-auth.session-token=${token}` } : {},
  });
  const outcome = await new Promise<Outcome>((resolve) => {
    socket.once("connect", () => {
      resolve({ connected: true, socket });
    });
    socket.once("connect_error", (error: Error & { data?: Record<string, unknown> }) => {
      resolve({ connected: false, code: error.data?.code, data: error.data });
    });
  });
  if (outcome.connected) bed.afterThisTest(() => void socket.disconnect());
  else socket.disconnect();
  return outcome;
}

const codeOf = (outcome: Outcome) => (outcome.connected ? "connected" : outcome.code);

async function buyer(): Promise<{ id: string; token: string }> {
  const [created] = await createTestBuyers(bed.prisma, 1);
  if (!created) throw new Error("no buyer created");
  return {
    id: created.id,
    token: sealSessionToken({ secret: TEST_SESSION_SECRET, userId: created.id }),
  };
}

describe("the session door", () => {
  it("lets a signed-in buyer in for one performance: joins it, and no other", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const other = await createPerformance(bed.prisma);
    const { token } = await buyer();
    const outcome = await enter(instance.url, { token, performanceId });
    if (!outcome.connected) throw new Error(`refused: ${String(outcome.code)}`);
    const joined = (await outcome.socket
      .timeout(10_000)
      .emitWithAck("queue:join", { performanceId })) as { data?: QueueStanding };
    expect(joined.data?.status).toMatch(/^(admitted|waiting)$/);
    const elsewhere = (await outcome.socket
      .timeout(10_000)
      .emitWithAck("queue:join", { performanceId: other })) as { error?: { code: string } };
    expect(elsewhere.error?.code).toBe("OTHER_PERFORMANCE");
  });

  it("refuses forged, tampered, expired, missing and foreign-secret sessions", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const { id, token } = await buyer();
    const foreign = sealSessionToken({ secret: `${TEST_SESSION_SECRET}-not-ours`, userId: id });
    const expired = sealSessionToken({
      secret: TEST_SESSION_SECRET,
      userId: id,
      now: Date.now() - 7_200_000,
      maxAgeSeconds: 60,
    });
    const parts = token.split(".");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    parts[3] = body.toString("base64url");
    const tampered = parts.join(".");
    const attempts = [foreign, expired, tampered, "not-a-session", undefined];
    const outcomes = await Promise.all(
      attempts.map((attempt) => enter(instance.url, { token: attempt, performanceId })),
    );
    expect(outcomes.map(codeOf)).toEqual(Array(attempts.length).fill("UNAUTHENTICATED"));
    // The genuine session still enters: the refusals above were about the credentials.
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("connected");
  });

  it("refuses a session ended since (signed out everywhere) and a deleted user's", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const ended = await buyer();
    await bed.prisma.user.update({
      where: { id: ended.id },
      data: { sessionVersion: { increment: 1 } },
    });
    const ghost = sealSessionToken({ secret: TEST_SESSION_SECRET, userId: randomUUID() });
    expect(codeOf(await enter(instance.url, { token: ended.token, performanceId }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(codeOf(await enter(instance.url, { token: ghost, performanceId }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("asks for a confirmed address where the line does, and lets the buyer in once confirmed", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const relaxed = await createPerformance(bed.prisma);
    await bed.prisma.performance.update({
      where: { id: relaxed },
      data: { queueRequireVerifiedEmail: false },
    });
    const { id, token } = await buyer();
    await bed.prisma.user.update({ where: { id }, data: { emailVerifiedAt: null } });
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("EMAIL_NOT_VERIFIED");
    expect(codeOf(await enter(instance.url, { token, performanceId: relaxed }))).toBe("connected");
    await bed.prisma.user.update({ where: { id }, data: { emailVerifiedAt: new Date() } });
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("connected");
  });

  it("asks for the proof of work's pass of this very performance where the line asks one", async () => {
    const instance = await serve({
      sessionDoor: { secret: TEST_SESSION_SECRET, checkTtlMs: 30_000, defaultPowComplexity: 0 },
    });
    const performanceId = await createPerformance(bed.prisma);
    const other = await createPerformance(bed.prisma);
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { queuePowComplexity: 1_000 },
    });
    const { id, token } = await buyer();
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("POW_REQUIRED");
    // A pass earned for another performance's line is no pass for this one.
    await bed.redis.set(entryPassKey(other, id), "1", "EX", 60);
    bed.afterThisTest(async () => {
      await bed.redis.del(entryPassKey(other, id), entryPassKey(performanceId, id));
    });
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("POW_REQUIRED");
    await bed.redis.set(entryPassKey(performanceId, id), "1", "EX", 60);
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("connected");
  });

  it("applies the service's default proof of work where the organizer left it empty", async () => {
    const instance = await serve({
      sessionDoor: { secret: TEST_SESSION_SECRET, checkTtlMs: 30_000, defaultPowComplexity: 500 },
    });
    const performanceId = await createPerformance(bed.prisma);
    const { token } = await buyer();
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("POW_REQUIRED");
  });

  it("spends the buyer's entry budget, the same one the ticket route spends", async () => {
    const instance = await serve();
    const performanceId = await createPerformance(bed.prisma);
    const { id, token } = await buyer();
    // The ticket route counted 29 tickets for this buyer this minute.
    for (let spent = 0; spent < queueEntryRateLimit.limit - 1; spent++) {
      await consumeRateLimit(bed.redis, queueEntryRateLimit, id);
    }
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("connected");
    const refused = await enter(instance.url, { token, performanceId });
    expect(codeOf(refused)).toBe("RATE_LIMITED");
    if (refused.connected) throw new Error("connected over the budget");
    expect(refused.data?.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("refuses an unknown or draft performance; a handshake with a ticket is judged by the ticket", async () => {
    const instance = await serve();
    const draft = await createPerformance(bed.prisma, { saleStatus: "DRAFT" });
    const { token } = await buyer();
    expect(codeOf(await enter(instance.url, { token, performanceId: randomUUID() }))).toBe(
      "UNKNOWN_PERFORMANCE",
    );
    expect(codeOf(await enter(instance.url, { token, performanceId: draft }))).toBe(
      "UNKNOWN_PERFORMANCE",
    );
    const both = { ticket: "x.y.z", performanceId: draft };
    expect(codeOf(await enter(instance.url, { token, performanceId: draft, auth: both }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("is closed when the service was not given the web app's session secret", async () => {
    const instance = await serve({ sessionDoor: undefined });
    const performanceId = await createPerformance(bed.prisma);
    const { token } = await buyer();
    expect(codeOf(await enter(instance.url, { token, performanceId }))).toBe("UNAUTHENTICATED");
  });
});
