import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantKey, signWorkingToken } from "@ticketping/common/queue";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let show: SeededSchedule;
let buyers: TestBuyer[];

interface Body {
  data?: { performanceId: string; expiresAt: string; cleared?: boolean };
  error?: { code: string; message: string };
}

const buyer = (index: number) => buyers[index] as TestBuyer;

async function postToken(
  who: TestBuyer | null,
  body: unknown,
): Promise<{ status: number; body: Body; setCookie: string | null }> {
  const response = await fetch(`${web.baseUrl}/api/queue/working-token`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(who ? { cookie: await system.sessionCookie(who) } : {}),
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Body,
    setCookie: response.headers.get("set-cookie"),
  };
}

const admit = (who: TestBuyer) => system.admit(who, show.performanceId);

function cookieAttributes(setCookie: string): Map<string, string> {
  return new Map(
    setCookie.split(";").map((part) => {
      const [name = "", ...value] = part.trim().split("=");
      return [name.toLowerCase(), value.join("=")];
    }),
  );
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_queue_working_token" });
  [show] = (await seedPerformance(system.prisma, { rows: 1, columns: 4 })) as [SeededSchedule];
  buyers = await createBuyers(system.prisma, 3);
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

describe("POST /api/queue/working-token", () => {
  it("stores a buyer's live token in an httpOnly, SameSite=Lax cookie that the booking gate accepts", async () => {
    const { token } = await admit(buyer(0));
    const { status, body, setCookie } = await postToken(buyer(0), { token });
    expect(status).toBe(200);
    expect(body.data?.performanceId).toBe(show.performanceId);
    const expiresAt = Date.parse(body.data?.expiresAt ?? "");
    expect(expiresAt).toBeGreaterThan(Date.now() + 590_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 601_000);

    if (!setCookie) throw new Error("no Set-Cookie");
    expect(setCookie.startsWith(`ticketping-working-token=${token};`)).toBe(true);
    const attributes = cookieAttributes(setCookie);
    expect(attributes.get("path")).toBe("/");
    expect(attributes.has("httponly")).toBe(true);
    expect(attributes.get("samesite")).toBe("Lax");
    // The server under test runs on plain http (NEXTAUTH_URL).
    expect(attributes.has("secure")).toBe(false);
    const maxAge = Number(attributes.get("max-age"));
    expect(maxAge).toBeGreaterThan(590);
    expect(maxAge).toBeLessThanOrEqual(600);

    // The cookie alone (no header) opens the seat map: the gate reads it.
    const seatMap = await fetch(`${web.baseUrl}/api/schedules/${show.scheduleId}/seat-map`, {
      headers: {
        cookie: `${await system.sessionCookie(buyer(0))}; ${setCookie.split(";")[0] ?? ""}`,
      },
    });
    expect(seatMap.status).toBe(200);
  });

  it("refuses another buyer's token with 403 QUEUE_TOKEN_REQUIRED and sets no cookie", async () => {
    const { token } = await admit(buyer(1));
    const { status, body, setCookie } = await postToken(buyer(2), { token });
    expect(status).toBe(403);
    expect(body.error?.code).toBe("QUEUE_TOKEN_REQUIRED");
    expect(setCookie).toBeNull();
  });

  it("refuses a token whose slot was released, or handed to a newer grant", async () => {
    const { token } = await admit(buyer(1));
    await system.redis.del(grantKey(system.keyPrefix, show.performanceId, buyer(1).id));
    const released = await postToken(buyer(1), { token });
    expect(released.status).toBe(403);
    expect(released.body.error?.code).toBe("QUEUE_TOKEN_REQUIRED");

    const { token: older } = await admit(buyer(1));
    await admit(buyer(1));
    const superseded = await postToken(buyer(1), { token: older });
    expect(superseded.status).toBe(403);
    expect(superseded.setCookie).toBeNull();
  });

  it("refuses forged, expired and malformed tokens", async () => {
    const forged = await signWorkingToken({
      secret: randomBytes(32).toString("hex"),
      userId: buyer(0).id,
      performanceId: show.performanceId,
      tokenId: randomUUID(),
      expiresAt: Date.now() + 600_000,
    });
    const expired = await signWorkingToken({
      secret: system.secrets.queueToken,
      userId: buyer(0).id,
      performanceId: show.performanceId,
      tokenId: randomUUID(),
      expiresAt: Date.now() - 5_000,
    });
    for (const token of [forged, expired, "not-a-token"]) {
      const { status, body } = await postToken(buyer(0), { token });
      expect(status).toBe(403);
      expect(body.error?.code).toBe("QUEUE_TOKEN_REQUIRED");
    }
  });

  it("answers 400 VALIDATION_FAILED for a missing, empty or oversized token and non-JSON bodies", async () => {
    for (const body of [{}, { token: "" }, { token: "x".repeat(2049) }, { token: 5 }, "token"]) {
      const answer = await postToken(buyer(0), body);
      expect(answer.status).toBe(400);
      expect(answer.body.error?.code).toBe("VALIDATION_FAILED");
    }
  });

  it("answers 401 UNAUTHENTICATED without a session, before reading the token", async () => {
    const { token } = await admit(buyer(0));
    const { status, body, setCookie } = await postToken(null, { token });
    expect(status).toBe(401);
    expect(body.error?.code).toBe("UNAUTHENTICATED");
    expect(setCookie).toBeNull();
  });
});

describe("DELETE /api/queue/working-token", () => {
  it("clears the cookie", async () => {
    const response = await fetch(`${web.baseUrl}/api/queue/working-token`, {
      method: "DELETE",
      headers: { cookie: await system.sessionCookie(buyer(0)) },
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as Body).data?.cleared).toBe(true);
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie.startsWith("ticketping-working-token=;")).toBe(true);
    const attributes = cookieAttributes(setCookie);
    expect(attributes.get("max-age")).toBe("0");
    expect(attributes.get("path")).toBe("/");
  });
});
