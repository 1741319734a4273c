import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queueKeys, verifyQueueTicket } from "@ticketping/common/queue";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import { testIp, uniqueEmail } from "./support/catalog-fixtures";
import { fetchChallenge, solve, solvedPow, type PowPayload, type PowQuery } from "./support/pow";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// Light enough to solve in milliseconds; the server checks the same way at any difficulty.
const SIGNUP_COMPLEXITY = 10;
const QUEUE_COMPLEXITY = 20;

let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
/** A performance whose organizer set a proof of work, one with the server's default, one off. */
let guarded: SeededSchedule;
let other: SeededSchedule;
let open: SeededSchedule;
let buyers: TestBuyer[];

interface ErrorBody {
  error?: { code: string; details?: { reason?: string } };
  data?: { ticket: string };
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_pow" });
  web = await system.startWeb({
    env: {
      POW_SIGNUP_COMPLEXITY: String(SIGNUP_COMPLEXITY),
      POW_QUEUE_COMPLEXITY: String(QUEUE_COMPLEXITY),
    },
  });
  [guarded, other, open] = (await Promise.all(
    [1, 2, 3].map(
      async () =>
        ((await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [SeededSchedule])[0],
    ),
  )) as [SeededSchedule, SeededSchedule, SeededSchedule];
  await system.prisma.performance.update({
    where: { id: guarded.performanceId },
    data: { queuePowComplexity: 30 },
  });
  await system.prisma.performance.update({
    where: { id: open.performanceId },
    data: { queuePowComplexity: 0 },
  });
  buyers = await createBuyers(system.prisma, 6);
  [{ cookie: adminCookie }] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "pow-organizer", role: "ADMIN" },
  ]);
});

afterAll(async () => {
  await system.stop();
});

const buyer = (index: number) => buyers[index] as TestBuyer;

async function signUp(
  pow: unknown,
  { server = web, email = uniqueEmail("pow") }: { server?: RunningWebServer; email?: string } = {},
) {
  const response = await fetch(`${server.baseUrl}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": testIp() },
    body: JSON.stringify({ email, name: "Pow Fan", password: "long enough pw", pow }),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody, email };
}

async function ticket(who: TestBuyer, performanceId: string, pow?: unknown) {
  const response = await fetch(`${web.baseUrl}/api/queue/ticket`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: await system.sessionCookie(who) },
    body: JSON.stringify({ performanceId, pow }),
  });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

const refusal = (answer: { status: number; body: ErrorBody }) => ({
  status: answer.status,
  code: answer.body.error?.code,
  reason: answer.body.error?.details?.reason,
});

const queue = (schedule: SeededSchedule): PowQuery => ({
  purpose: "queue",
  performanceId: schedule.performanceId,
});

describe("GET /api/pow/challenge", () => {
  it("issues a signed challenge bound to its purpose at the difficulty that purpose asks", async () => {
    const before = Date.now();
    const signup = await fetchChallenge(web.baseUrl, { purpose: "signup" });
    expect(signup).toMatchObject({ required: true, complexity: SIGNUP_COMPLEXITY });
    expect(signup.challenge?.parameters).toMatchObject({
      algorithm: "PBKDF2/SHA-256",
      cost: 1000,
      data: { purpose: "signup", complexity: SIGNUP_COMPLEXITY },
    });
    expect(signup.challenge?.signature).toMatch(/^[0-9a-f]{64}$/);
    // A few minutes to solve and spend it.
    const expiresAt = Date.parse(signup.expiresAt ?? "");
    expect(expiresAt).toBeGreaterThan(before + 290_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
    expect(signup.challenge?.parameters.expiresAt).toBe(expiresAt / 1000);

    const line = await fetchChallenge(web.baseUrl, queue(guarded));
    expect(line).toMatchObject({ required: true, complexity: 30 });
    expect(line.challenge?.parameters.data).toEqual({
      purpose: "queue",
      performanceId: guarded.performanceId,
      complexity: 30,
    });
    // Left empty by the organizer: POW_QUEUE_COMPLEXITY.
    expect(await fetchChallenge(web.baseUrl, queue(other))).toMatchObject({
      complexity: QUEUE_COMPLEXITY,
    });
    // Off: nothing to solve.
    expect(await fetchChallenge(web.baseUrl, queue(open))).toEqual({
      required: false,
      challenge: null,
      complexity: 0,
      expiresAt: null,
    });
  });

  it("answers 400 for an unknown purpose or a line without a performance, 404 for no line", async () => {
    for (const query of [
      "",
      "?purpose=login",
      "?purpose=queue",
      "?purpose=queue&performanceId=1",
    ]) {
      const response = await fetch(`${web.baseUrl}/api/pow/challenge${query}`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).error?.code).toBe("VALIDATION_FAILED");
    }
    const unknown = await fetch(
      `${web.baseUrl}/api/pow/challenge?purpose=queue&performanceId=01970000-0000-7000-8000-000000000000`,
    );
    expect(unknown.status).toBe(404);
  });
});

describe("sign-up's proof of work", () => {
  it("creates the account with a solution, and refuses one without (POW_REQUIRED)", async () => {
    const missing = await signUp(undefined);
    expect(refusal(missing)).toEqual({ status: 403, code: "POW_REQUIRED", reason: undefined });
    expect(await system.prisma.user.count({ where: { email: missing.email } })).toBe(0);

    const solved = await signUp(await solvedPow(web.baseUrl, { purpose: "signup" }));
    expect(solved.status).toBe(201);
    expect(await system.prisma.user.count({ where: { email: solved.email } })).toBe(1);
  });

  it("refuses a wrong solution and a changed challenge (POW_INVALID), creating nothing", async () => {
    const pow = await solvedPow(web.baseUrl, { purpose: "signup" });
    const wrongKey: PowPayload = {
      ...pow,
      solution: {
        ...pow.solution,
        derivedKey: pow.solution.derivedKey.replace(/.$/, (c) => (c === "0" ? "1" : "0")),
      },
    };
    const wrongCounter: PowPayload = {
      ...pow,
      solution: { counter: pow.solution.counter + 1, derivedKey: "00".repeat(32) },
    };
    for (const bad of [wrongKey, wrongCounter]) {
      expect(refusal(await signUp(bad))).toEqual({
        status: 403,
        code: "POW_INVALID",
        reason: "solution",
      });
    }
    // An easier difficulty, a later expiry or another nonce all break the signature.
    const { parameters } = pow.challenge;
    for (const changed of [
      { ...parameters, data: { ...parameters.data, complexity: 1 } },
      { ...parameters, expiresAt: (parameters.expiresAt ?? 0) + 3600 },
      { ...parameters, nonce: "ab".repeat(16) },
    ]) {
      const tampered = { ...pow, challenge: { ...pow.challenge, parameters: changed } };
      expect(refusal(await signUp(tampered))).toEqual({
        status: 403,
        code: "POW_INVALID",
        reason: "signature",
      });
    }
    // None of the refusals spent it.
    expect((await signUp(pow)).status).toBe(201);
  });

  it("refuses a replay (POW_REPLAYED), even when the copies race", async () => {
    const pow = await solvedPow(web.baseUrl, { purpose: "signup" });
    const answers = await Promise.all(Array.from({ length: 6 }, () => signUp(pow)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 403, 403, 403, 403, 403]);
    expect(
      answers.filter((answer) => answer.status === 403).map((answer) => answer.body.error?.code),
    ).toEqual(Array<string>(5).fill("POW_REPLAYED"));
    expect((await signUp(pow)).body.error?.code).toBe("POW_REPLAYED");

    // Remembered in Redis for the challenge's remaining lifetime, no longer.
    const ttlMs = await system.redis.pttl(`pow:used:{${pow.challenge.parameters.nonce}}`);
    expect(ttlMs).toBeGreaterThan(280_000);
    expect(ttlMs).toBeLessThanOrEqual(300_000);
  });

  it("refuses a solution past its challenge's expiry (POW_EXPIRED)", async () => {
    const shortLived = await system.startWeb({
      env: { POW_SIGNUP_COMPLEXITY: "10", POW_CHALLENGE_TTL_SECONDS: "1" },
    });
    const pow = await solvedPow(shortLived.baseUrl, { purpose: "signup" });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(refusal(await signUp(pow, { server: shortLived }))).toEqual({
      status: 403,
      code: "POW_EXPIRED",
      reason: undefined,
    });
    await shortLived.stop();
  });

  it("refuses a solution made for entering a line", async () => {
    const pow = await solvedPow(web.baseUrl, queue(other));
    expect(refusal(await signUp(pow))).toEqual({
      status: 403,
      code: "POW_INVALID",
      reason: "purpose",
    });
  });

  it("needs none with POW_SIGNUP_COMPLEXITY=0", async () => {
    const free = await system.startWeb({ env: { POW_SIGNUP_COMPLEXITY: "0" } });
    expect(await fetchChallenge(free.baseUrl, { purpose: "signup" })).toMatchObject({
      required: false,
    });
    expect((await signUp(undefined, { server: free })).status).toBe(201);
    await free.stop();
  });
});

describe("the line's proof of work at POST /api/queue/ticket", () => {
  it("needs a solution for this performance, then lets the buyer's further tickets through", async () => {
    const missing = await ticket(buyer(0), guarded.performanceId);
    expect(refusal(missing)).toEqual({ status: 403, code: "POW_REQUIRED", reason: undefined });

    const solved = await ticket(
      buyer(0),
      guarded.performanceId,
      await solvedPow(web.baseUrl, queue(guarded)),
    );
    expect(solved.status).toBe(200);
    await expect(
      verifyQueueTicket({
        secret: system.secrets.queueTicket,
        ticket: solved.body.data?.ticket ?? "",
      }),
    ).resolves.toMatchObject({ userId: buyer(0).id, performanceId: guarded.performanceId });

    // A reconnect, another tab: the entry pass (renewed for six hours by each use).
    expect((await ticket(buyer(0), guarded.performanceId)).status).toBe(200);
    const passKey = `pow:pass:{${guarded.performanceId}}:${buyer(0).id}`;
    expect(await system.redis.ttl(passKey)).toBeGreaterThan(6 * 3600 - 60);
    // The pass is this buyer's, for this performance.
    expect(refusal(await ticket(buyer(1), guarded.performanceId)).code).toBe("POW_REQUIRED");
    expect(refusal(await ticket(buyer(0), other.performanceId)).code).toBe("POW_REQUIRED");
  });

  it("refuses a solution for another performance, or for sign-up (POW_INVALID purpose)", async () => {
    const forOther = await solvedPow(web.baseUrl, queue(other));
    expect(refusal(await ticket(buyer(2), guarded.performanceId, forOther))).toEqual({
      status: 403,
      code: "POW_INVALID",
      reason: "purpose",
    });
    const forSignUp = await solvedPow(web.baseUrl, { purpose: "signup" });
    expect(refusal(await ticket(buyer(2), guarded.performanceId, forSignUp))).toMatchObject({
      code: "POW_INVALID",
      reason: "purpose",
    });
    // Still worth what it was made for.
    expect((await ticket(buyer(2), other.performanceId, forOther)).status).toBe(200);
  });

  it("refuses a wrong solution and a replay, by another buyer too, counting each for the report", async () => {
    // The sale's fairness report counts solutions at its door (queue stats hash).
    const stats = queueKeys(system.keyPrefix, guarded.performanceId).stats;
    const counted = async () => {
      const [solved, failed] = await system.redis.hmget(stats, "pow:solved", "pow:failed");
      return { solved: Number(solved ?? 0), failed: Number(failed ?? 0) };
    };
    const before = await counted();
    const pow = await solvedPow(web.baseUrl, queue(guarded));
    // The derived key is the proof (its HMAC was signed into the challenge): a wrong one fails.
    const wrong = { ...pow, solution: { ...pow.solution, derivedKey: "ff".repeat(32) } };
    expect(refusal(await ticket(buyer(3), guarded.performanceId, wrong))).toMatchObject({
      code: "POW_INVALID",
    });
    expect((await ticket(buyer(3), guarded.performanceId, pow)).status).toBe(200);
    expect(refusal(await ticket(buyer(4), guarded.performanceId, pow))).toEqual({
      status: 403,
      code: "POW_REPLAYED",
      reason: undefined,
    });
    expect(await counted()).toEqual({ solved: before.solved + 1, failed: before.failed + 2 });
  });

  it("needs nothing when the organizer turned it off (0)", async () => {
    const answer = await ticket(buyer(5), open.performanceId);
    expect(answer.status).toBe(200);
  });

  it("follows the organizer's setting: a raised difficulty refuses easier challenges", async () => {
    const easy = await solvedPow(web.baseUrl, queue(other));
    const path = `/api/admin/performances/${other.performanceId}/queue-settings`;
    const settings = {
      maxActive: null,
      admitRatePerSec: null,
      tokenTtlSeconds: null,
      refuseRatio: null,
    };
    const save = (powComplexity: number | null) =>
      fetch(`${web.baseUrl}${path}`, {
        method: "PUT",
        headers: { "content-type": "application/json", cookie: adminCookie },
        body: JSON.stringify({ ...settings, powComplexity }),
      });
    expect((await save(40)).status).toBe(200);
    expect((await fetchChallenge(web.baseUrl, queue(other))).complexity).toBe(40);
    expect(refusal(await ticket(buyer(5), other.performanceId, easy))).toEqual({
      status: 403,
      code: "POW_INVALID",
      reason: "complexity",
    });
    const hard = await fetchChallenge(web.baseUrl, queue(other));
    if (!hard.challenge) throw new Error("expected a challenge");
    expect((await ticket(buyer(5), other.performanceId, await solve(hard.challenge))).status).toBe(
      200,
    );

    expect((await save(0)).status).toBe(200);
    expect((await fetchChallenge(web.baseUrl, queue(other))).required).toBe(false);
    expect((await save(null)).status).toBe(200);
    expect((await fetchChallenge(web.baseUrl, queue(other))).complexity).toBe(QUEUE_COMPLEXITY);
  });
});
