import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signEmailVerificationToken } from "@ticketping/common/accounts";
import { accountVerificationRequested } from "@ticketping/common/events";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import { signedInUsers } from "./support/sign-in";
import { testIp, uniqueEmail } from "./support/catalog-fixtures";
import { solvedPow } from "./support/pow";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown>;
    error?: { code: string; message: string; details?: Record<string, unknown> };
  };
}

let system: WebTestSystem;
let web: RunningWebServer;
let show: SeededSchedule;
let adminCookie: string;

async function call(
  path: string,
  { method = "POST", cookie, body }: { method?: string; cookie?: string; body?: unknown } = {},
): Promise<Answer> {
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(cookie ? { cookie } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer["body"] };
}

const verify = (token: unknown, cookie?: string) =>
  call("/api/auth/verify-email", { body: { token }, ...(cookie ? { cookie } : {}) });

const refusal = (answer: Answer) => ({ status: answer.status, code: answer.body.error?.code });

/** What the worker does as it writes the mail: signs the verification's link. */
const tokenOf = (
  verification: { id: string; expiresAt: Date },
  secret = system.secrets.emailToken,
) =>
  signEmailVerificationToken({
    secret,
    verificationId: verification.id,
    expiresAt: verification.expiresAt,
  });

/** A buyer whose address is not confirmed yet, signed in by a minted session. */
async function unverifiedBuyer(): Promise<TestBuyer & { cookie: string }> {
  const [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  await system.prisma.user.update({ where: { id: buyer.id }, data: { emailVerifiedAt: null } });
  return { ...buyer, cookie: await system.sessionCookie(buyer) };
}

async function verificationOf(
  userId: string,
  { expiresAt = new Date(Date.now() + 86_400_000) }: { expiresAt?: Date } = {},
) {
  const user = await system.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return system.prisma.emailVerification.create({
    data: { userId, email: user.email, expiresAt },
  });
}

const verifiedAtOf = async (userId: string) =>
  (await system.prisma.user.findUniqueOrThrow({ where: { id: userId } })).emailVerifiedAt;

const ticket = (cookie: string) =>
  call("/api/queue/ticket", { cookie, body: { performanceId: show.performanceId } });

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_email_verification" });
  web = await system.startWeb();
  [show] = (await seedPerformance(system.prisma, { rows: 1, columns: 2 })) as [SeededSchedule];
  [{ cookie: adminCookie }] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "verify-organizer", role: "ADMIN" },
  ]);
});

afterAll(async () => {
  await system.stop();
});

describe("sign-up", () => {
  it("opens an unconfirmed account with, in the same transaction, a verification and its event (no link in it)", async () => {
    const email = uniqueEmail("signup-verify");
    const answer = await fetch(`${web.baseUrl}/api/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": testIp() },
      body: JSON.stringify({
        email,
        name: "New Fan",
        password: "long enough password",
        pow: await solvedPow(web.baseUrl, { purpose: "signup" }),
      }),
    });
    expect(answer.status).toBe(201);
    const user = await system.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();

    const [verification, ...others] = await system.prisma.emailVerification.findMany({
      where: { userId: user.id },
    });
    expect(others).toEqual([]);
    expect(verification).toMatchObject({ email, usedAt: null });
    const lifetime = (verification?.expiresAt.getTime() ?? 0) - Date.now();
    expect(lifetime).toBeGreaterThan(23.9 * 3_600_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3_600_000);

    const events = await system.prisma.outboxEvent.findMany({
      where: { topic: accountVerificationRequested.topic, key: user.id },
    });
    expect(events).toHaveLength(1);
    expect(events[0]?.payload).toMatchObject({
      type: "account.verification-requested",
      version: 1,
    });
    // The event names the verification and nothing more: the link is the worker's to sign.
    expect((events[0]?.payload as { payload: unknown }).payload).toEqual({
      verificationId: verification?.id,
      userId: user.id,
    });
  });
});

describe("POST /api/auth/verify-email", () => {
  it("confirms the address of a valid link once; the session and the line learn it at once", async () => {
    const buyer = await unverifiedBuyer();
    expect(refusal(await ticket(buyer.cookie))).toEqual({
      status: 403,
      code: "EMAIL_NOT_VERIFIED",
    });
    const session = async () =>
      (await (
        await fetch(`${web.baseUrl}/api/auth/session`, { headers: { cookie: buyer.cookie } })
      ).json()) as { user?: { emailVerified?: boolean } };
    expect((await session()).user?.emailVerified).toBe(false);

    const token = tokenOf(await verificationOf(buyer.id));
    const before = Date.now();
    const answer = await verify(token);
    expect(answer.status).toBe(200);
    const verified = answer.body.data?.verified as { email: string; verifiedAt: string };
    expect(verified.email).toBe(buyer.email);
    expect(Date.parse(verified.verifiedAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect((await verifiedAtOf(buyer.id))?.toISOString()).toBe(verified.verifiedAt);

    expect((await session()).user?.emailVerified).toBe(true);
    expect((await ticket(buyer.cookie)).status).toBe(200);

    // Used once: the same link again is refused, and the first confirmation stands.
    expect(refusal(await verify(token))).toEqual({ status: 409, code: "VERIFICATION_LINK_USED" });
    expect((await verifiedAtOf(buyer.id))?.toISOString()).toBe(verified.verifiedAt);
  });

  it("of two requests racing with one link, exactly one confirms", async () => {
    const buyer = await unverifiedBuyer();
    const token = tokenOf(await verificationOf(buyer.id));
    const answers = await Promise.all(Array.from({ length: 6 }, () => verify(token)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await verifiedAtOf(buyer.id)).not.toBeNull();
  });

  it("refuses an expired link with its own code (the address stays unconfirmed)", async () => {
    const buyer = await unverifiedBuyer();
    const lapsed = await verificationOf(buyer.id, { expiresAt: new Date(Date.now() - 1_000) });
    expect(refusal(await verify(tokenOf(lapsed)))).toEqual({
      status: 410,
      code: "VERIFICATION_LINK_EXPIRED",
    });
    expect(await verifiedAtOf(buyer.id)).toBeNull();
  });

  it("refuses forged, tampered and malformed links as invalid", async () => {
    const buyer = await unverifiedBuyer();
    const verification = await verificationOf(buyer.id);
    const genuine = tokenOf(verification);
    const [id, seconds, mac] = genuine.split(".") as [string, string, string];
    const forged = [
      tokenOf(verification, randomBytes(32).toString("hex")),
      `${id}.${Number(seconds) + 3_600}.${mac}`,
      `${id}.${seconds}.${mac.slice(0, -2)}AA`,
      // A link for a verification that does not exist, signed right: names nothing.
      tokenOf({ id: "01970000-0000-7000-8000-000000000000", expiresAt: verification.expiresAt }),
      "not-a-token",
    ];
    for (const token of forged) {
      expect(refusal(await verify(token)), token).toEqual({
        status: 400,
        code: "VERIFICATION_LINK_INVALID",
      });
    }
    expect(refusal(await verify(""))).toEqual({ status: 400, code: "VALIDATION_FAILED" });
    expect(await verifiedAtOf(buyer.id)).toBeNull();
    // The genuine link still works after all that.
    expect((await verify(genuine)).status).toBe(200);
  });

  it("confirms the user the link was mailed to, never the one who opens it", async () => {
    const [owner, opener] = [await unverifiedBuyer(), await unverifiedBuyer()];
    const answer = await verify(tokenOf(await verificationOf(owner.id)), opener.cookie);
    expect(answer.status).toBe(200);
    expect((answer.body.data?.verified as { email: string }).email).toBe(owner.email);
    expect(await verifiedAtOf(owner.id)).not.toBeNull();
    expect(await verifiedAtOf(opener.id)).toBeNull();
    expect(refusal(await ticket(opener.cookie))).toEqual({
      status: 403,
      code: "EMAIL_NOT_VERIFIED",
    });
  });

  it("refuses a link sent to an address the user no longer has", async () => {
    const buyer = await unverifiedBuyer();
    const token = tokenOf(await verificationOf(buyer.id));
    await system.prisma.user.update({
      where: { id: buyer.id },
      data: { email: uniqueEmail("moved") },
    });
    expect(refusal(await verify(token))).toEqual({
      status: 400,
      code: "VERIFICATION_LINK_INVALID",
    });
    expect(await verifiedAtOf(buyer.id)).toBeNull();
  });
});

describe("POST /api/auth/verification-mail", () => {
  it("sends a signed-in, unconfirmed user a new link: a verification and its event", async () => {
    const buyer = await unverifiedBuyer();
    const answer = await call("/api/auth/verification-mail", { cookie: buyer.cookie });
    expect(answer.status).toBe(202);
    expect(answer.body.data?.sentTo).toBe(buyer.email);
    const [verification] = await system.prisma.emailVerification.findMany({
      where: { userId: buyer.id },
    });
    expect(verification?.expiresAt.toISOString()).toBe(answer.body.data?.expiresAt);
    const events = await system.prisma.outboxEvent.findMany({
      where: { topic: accountVerificationRequested.topic, key: buyer.id },
    });
    expect(events.map((event) => event.payload)).toMatchObject([
      { payload: { verificationId: verification?.id, userId: buyer.id } },
    ]);
  });

  it("ends the earlier links: only the newest verifies, an older one answers as an expired one", async () => {
    const buyer = await unverifiedBuyer();
    // The sign-up's link, as its mail carries it.
    const first = tokenOf(await verificationOf(buyer.id));
    const resent = await call("/api/auth/verification-mail", { cookie: buyer.cookie });
    expect(resent.status).toBe(202);
    const newest = await system.prisma.emailVerification.findFirstOrThrow({
      where: { userId: buyer.id },
      orderBy: { createdAt: "desc" },
    });
    expect(newest.expiresAt.toISOString()).toBe(resent.body.data?.expiresAt);
    const expired = { status: 410, code: "VERIFICATION_LINK_EXPIRED" };
    expect(refusal(await verify(first))).toEqual(expired);
    expect(await verifiedAtOf(buyer.id)).toBeNull();
    expect((await verify(tokenOf(newest))).status).toBe(200);
    // Still the same answer once the address is confirmed: it never becomes "used".
    expect(refusal(await verify(first))).toEqual(expired);
  });

  it("leaves one live link when two are asked for at the same instant", async () => {
    const buyer = await unverifiedBuyer();
    const answers = await Promise.all(
      [0, 1].map(() => call("/api/auth/verification-mail", { cookie: buyer.cookie })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([202, 202]);
    const live = await system.prisma.emailVerification.findMany({
      where: { userId: buyer.id, expiresAt: { gt: new Date() } },
    });
    expect(live).toHaveLength(1);
  });

  it("refuses the signed-out, the confirmed, and a fourth request within 15 minutes", async () => {
    expect(refusal(await call("/api/auth/verification-mail"))).toEqual({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    const [confirmed] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
    expect(
      refusal(
        await call("/api/auth/verification-mail", {
          cookie: await system.sessionCookie(confirmed),
        }),
      ),
    ).toEqual({ status: 409, code: "EMAIL_ALREADY_VERIFIED" });

    const buyer = await unverifiedBuyer();
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await call("/api/auth/verification-mail", { cookie: buyer.cookie })).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    expect(await system.prisma.emailVerification.count({ where: { userId: buyer.id } })).toBe(3);
  });
});

describe("the line's email rule", () => {
  it("is on for a new performance; the organizer can relax it, and omitting it changes nothing", async () => {
    const buyer = await unverifiedBuyer();
    const settings = `/api/admin/performances/${show.performanceId}/queue-settings`;
    const admin = await call(`/api/admin/performances/${show.performanceId}`, {
      method: "GET",
      cookie: adminCookie,
    });
    expect(admin.body.data?.performance).toMatchObject({
      queue: { requireVerifiedEmail: true },
    });
    expect(refusal(await ticket(buyer.cookie))).toEqual({
      status: 403,
      code: "EMAIL_NOT_VERIFIED",
    });

    const tuning = {
      maxActive: null,
      admitRatePerSec: null,
      tokenTtlSeconds: null,
      refuseRatio: null,
      powComplexity: null,
    };
    const relaxed = await call(settings, {
      method: "PUT",
      cookie: adminCookie,
      body: { ...tuning, requireVerifiedEmail: false },
    });
    expect(relaxed.status).toBe(200);
    expect(relaxed.body.data?.queue).toEqual({ ...tuning, requireVerifiedEmail: false });
    expect((await ticket(buyer.cookie)).status).toBe(200);

    // Other tuning saved without the field keeps the rule as it is.
    const untouched = await call(settings, { method: "PUT", cookie: adminCookie, body: tuning });
    expect(untouched.body.data?.queue).toEqual({ ...tuning, requireVerifiedEmail: false });

    const strict = await call(settings, {
      method: "PUT",
      cookie: adminCookie,
      body: { ...tuning, requireVerifiedEmail: true },
    });
    expect(strict.status).toBe(200);
    expect(refusal(await ticket(buyer.cookie))).toEqual({
      status: 403,
      code: "EMAIL_NOT_VERIFIED",
    });
  });
});
