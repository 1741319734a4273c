import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleKeys } from "@ticketping/common/seats";
import { grantKey } from "@ticketping/common/queue";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import { startCountingDbProxy, type CountingDbProxy } from "./support/counting-db-proxy";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let dbProxy: CountingDbProxy;
let web: RunningWebServer;
/** A second server process on the same database and Redis, as in production. */
let secondWeb: RunningWebServer;
let schedules: SeededSchedule[];
let buyer: TestBuyer;
let headers: Record<string, string>;

interface SeatMapBody {
  data: {
    version: string;
    build: string;
    status: string;
    layout: {
      performanceId: string;
      rows: number;
      columns: number;
      seats: [string, number, number, number][];
      grades: { name: string; priceMinor: number }[];
    };
  };
}

const seatMapUrl = (scheduleId: string) => `${web.baseUrl}/api/schedules/${scheduleId}/seat-map`;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_seat_map" });
  // Shows: one to measure a cold build, one for the crowd, one for the rest, and one per
  // server to warm its database path first (a process's first query may cost extra
  // statements, and either server may win the crowd's build).
  schedules = await seedPerformance(system.prisma, { rows: 10, columns: 20, schedules: 5 });
  [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  dbProxy = await startCountingDbProxy(system.database.url);
  web = await system.startWeb({ databaseUrl: dbProxy.url });
  secondWeb = await system.startWeb({ databaseUrl: dbProxy.url });
  headers = await system.buyerHeaders(buyer, schedules[0]?.performanceId ?? "");
});

afterAll(async () => {
  await system.stop();
  await dbProxy.close();
});

describe("seat-map cache", () => {
  it("builds a cold map from PostgreSQL once for 50 concurrent readers on two servers, then serves it from Redis only", async () => {
    const [measured, crowded, , warmFirst, warmSecond] = schedules as [
      SeededSchedule,
      SeededSchedule,
      SeededSchedule,
      SeededSchedule,
      SeededSchedule,
    ];
    expect((await fetch(seatMapUrl(warmFirst.scheduleId), { headers })).status).toBe(200);
    const onSecond = (url: string) => url.replace(web.baseUrl, secondWeb.baseUrl);
    expect((await fetch(onSecond(seatMapUrl(warmSecond.scheduleId)), { headers })).status).toBe(
      200,
    );

    // What one cold build costs in statements, measured on a schedule of the same shape.
    dbProxy.reset();
    const single = await fetch(seatMapUrl(measured.scheduleId), { headers });
    expect(single.status).toBe(200);
    const oneBuild = dbProxy.statements();
    expect(oneBuild).toBeGreaterThan(0);

    dbProxy.reset();
    // Half the crowd on each server process: only the Redis lock can make this one build.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        fetch(
          index % 2 ? seatMapUrl(crowded.scheduleId) : onSecond(seatMapUrl(crowded.scheduleId)),
          { headers },
        ),
      ),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as SeatMapBody[];
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(dbProxy.statements()).toBe(oneBuild);
    expect(new Set(bodies.map((body) => body.data.version)).size).toBe(1);

    const { layout, status } = bodies[0]?.data ?? ({} as SeatMapBody["data"]);
    expect(layout.performanceId).toBe(crowded.performanceId);
    expect(layout.seats).toHaveLength(200);
    expect(layout.seats.map(([id]) => id)).toEqual(crowded.seatIds);
    expect(status).toBe("A".repeat(200));
    expect(layout.grades.map((grade) => grade.name)).toEqual(["VIP", "S"]);

    // Steady state: full reads and conditional reads alike never reach the database.
    dbProxy.reset();
    const etag = responses[0]?.headers.get("etag") ?? "";
    const steady = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        fetch(seatMapUrl(crowded.scheduleId), {
          headers: index % 2 ? headers : { ...headers, "if-none-match": etag },
        }),
      ),
    );
    expect(steady.filter((r) => r.status === 200)).toHaveLength(50);
    expect(steady.filter((r) => r.status === 304)).toHaveLength(50);

    // A client that has the layout's build gets only the seats' status.
    const build = bodies[0]?.data.build ?? "";
    const poll = await fetch(seatMapUrl(crowded.scheduleId), {
      headers: { ...headers, "x-seat-map-build": build },
    });
    const polled = (await poll.json()) as { data: { layout: null; status: string } };
    expect(polled.data.layout).toBeNull();
    expect(polled.data.status).toBe(status);
    expect(dbProxy.statements()).toBe(0);
  });

  it("changes its version on a hold and a release, and shows the held seats", async () => {
    const schedule = schedules[2] as SeededSchedule;
    const first = await fetch(seatMapUrl(schedule.scheduleId), { headers });
    const etag = first.headers.get("etag") ?? "";
    expect(
      (
        await fetch(seatMapUrl(schedule.scheduleId), {
          headers: { ...headers, "if-none-match": etag },
        })
      ).status,
    ).toBe(304);

    const seatIds = schedule.seatIds.slice(0, 2);
    const hold = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/holds`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seatIds }),
    });
    expect(hold.status).toBe(201);
    const { data: held } = (await hold.json()) as { data: { reservationId: string } };

    const afterHold = await fetch(seatMapUrl(schedule.scheduleId), {
      headers: { ...headers, "if-none-match": etag },
    });
    expect(afterHold.status).toBe(200);
    expect(((await afterHold.json()) as SeatMapBody).data.status.slice(0, 3)).toBe("HHA");

    const release = await fetch(`${web.baseUrl}/api/holds/${held.reservationId}`, {
      method: "DELETE",
      headers,
    });
    expect(release.status).toBe(200);
    const afterRelease = (await (
      await fetch(seatMapUrl(schedule.scheduleId), { headers })
    ).json()) as SeatMapBody;
    expect(afterRelease.data.status.slice(0, 3)).toBe("AAA");
    expect(Number(afterRelease.data.version)).toBeGreaterThan(Number(etag.replaceAll('"', "")));
  });

  it("rebuilds a map dropped from Redis with the holds PostgreSQL has", async () => {
    const schedule = schedules[2] as SeededSchedule;
    const seatIds = schedule.seatIds.slice(5, 6);
    const hold = await fetch(`${web.baseUrl}/api/schedules/${schedule.scheduleId}/holds`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seatIds }),
    });
    expect(hold.status).toBe(201);
    const keys = scheduleKeys(system.keyPrefix, schedule.scheduleId);
    await system.redis.del(keys.layout, keys.status);
    const body = (await (
      await fetch(seatMapUrl(schedule.scheduleId), { headers })
    ).json()) as SeatMapBody;
    expect(body.data.status[5]).toBe("H");
    expect(body.data.status.replaceAll("A", "")).toBe("H");
  });

  it("answers 404 for an unknown schedule without asking the database twice", async () => {
    dbProxy.reset();
    const unknown = randomUUID();
    expect((await fetch(seatMapUrl(unknown), { headers })).status).toBe(404);
    const afterFirst = dbProxy.statements();
    expect((await fetch(seatMapUrl(unknown), { headers })).status).toBe(404);
    expect(dbProxy.statements()).toBe(afterFirst);
  });
});

describe("booking gate", () => {
  const scheduleUrl = () => seatMapUrl((schedules[0] as SeededSchedule).scheduleId);

  it("refuses a seat-map read and a hold without a working token", async () => {
    const cookieOnly = { cookie: headers.cookie ?? "" };
    // Refused by the proxy (it has seen this show's polls), with the route's details.
    const read = await fetch(scheduleUrl(), { headers: cookieOnly });
    expect(read.status).toBe(403);
    expect(((await read.json()) as { error: unknown }).error).toEqual({
      code: "QUEUE_TOKEN_REQUIRED",
      message: "Please wait your turn in the queue.",
      details: {
        performanceId: schedules[0]?.performanceId,
        waitingRoom: `/queue/${schedules[0]?.performanceId ?? ""}?schedule=${schedules[0]?.scheduleId ?? ""}`,
      },
    });
    const hold = await fetch(
      `${web.baseUrl}/api/schedules/${schedules[0]?.scheduleId ?? ""}/holds`,
      {
        method: "POST",
        headers: { ...cookieOnly, "content-type": "application/json" },
        body: JSON.stringify({ seatIds: [schedules[0]?.seatIds[0]] }),
      },
    );
    expect(hold.status).toBe(403);
  });

  it("refuses a forged, a foreign and a revoked token", async () => {
    const forged = await fetch(scheduleUrl(), {
      headers: { ...headers, "x-working-token": `${headers["x-working-token"] ?? ""}x` },
    });
    expect(forged.status).toBe(403);
    // A forged hold passes the proxy (it carries a token) and is refused by the route.
    const forgedHold = await fetch(
      `${web.baseUrl}/api/schedules/${schedules[0]?.scheduleId ?? ""}/holds`,
      {
        method: "POST",
        headers: {
          ...headers,
          "x-working-token": `${headers["x-working-token"] ?? ""}x`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ seatIds: [schedules[0]?.seatIds[0]] }),
      },
    );
    expect(forgedHold.status).toBe(403);

    // Another performance's token.
    const [other] = await seedPerformance(system.prisma, { rows: 1, columns: 1 });
    const { token: foreign } = await system.admit(buyer, other?.performanceId ?? "");
    const wrongPerformance = await fetch(scheduleUrl(), {
      headers: { ...headers, "x-working-token": foreign },
    });
    expect(wrongPerformance.status).toBe(403);
    expect(
      ((await wrongPerformance.json()) as { error: { details: { waitingRoom: string } } }).error
        .details.waitingRoom,
    ).toBe(
      `/queue/${schedules[0]?.performanceId ?? ""}?schedule=${schedules[0]?.scheduleId ?? ""}`,
    );

    // Another buyer's token with this buyer's session.
    const [stranger] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
    const performanceId = schedules[0]?.performanceId ?? "";
    const { token: strangers } = await system.admit(stranger, performanceId);
    expect(
      (await fetch(scheduleUrl(), { headers: { ...headers, "x-working-token": strangers } }))
        .status,
    ).toBe(403);

    // A revoked slot: the signature is still good, the grant in Redis is gone.
    const strangerHeaders = await system.buyerHeaders(stranger, performanceId);
    expect((await fetch(scheduleUrl(), { headers: strangerHeaders })).status).toBe(200);
    await system.redis.del(grantKey(system.keyPrefix, performanceId, stranger.id));
    expect((await fetch(scheduleUrl(), { headers: strangerHeaders })).status).toBe(403);
  });

  it("sends a buyer without a token from the seat map page to the waiting room, and a guest to sign in", async () => {
    const page = `${web.baseUrl}/book/${schedules[0]?.scheduleId ?? ""}`;
    const guest = await fetch(page, { redirect: "manual" });
    expect(guest.status).toBe(307);
    expect(guest.headers.get("location")).toContain("/signin?callbackUrl=");

    const noToken = await fetch(page, {
      redirect: "manual",
      headers: { cookie: headers.cookie ?? "" },
    });
    expect(noToken.status).toBe(307);
    expect(noToken.headers.get("location")).toContain(
      `/queue/${schedules[0]?.performanceId ?? ""}?schedule=${schedules[0]?.scheduleId ?? ""}`,
    );

    const admitted = await fetch(page, {
      headers: {
        cookie: `${headers.cookie ?? ""}; ticketping-working-token=${headers["x-working-token"] ?? ""}`,
      },
    });
    expect(admitted.status).toBe(200);
    expect(await admitted.text()).toContain("Test Concert");
  });

  it("takes the token as a cookie or a bearer token too", async () => {
    const token = headers["x-working-token"] ?? "";
    const cookie = headers.cookie ?? "";
    const asCookie = await fetch(scheduleUrl(), {
      headers: { cookie: `${cookie}; ticketping-working-token=${token}` },
    });
    expect(asCookie.status).toBe(200);
    const asBearer = await fetch(scheduleUrl(), {
      headers: { cookie, authorization: `Bearer ${token}` },
    });
    expect(asBearer.status).toBe(200);
  });

  it("asks for a session once the token passes", async () => {
    const response = await fetch(scheduleUrl(), {
      headers: { "x-working-token": headers["x-working-token"] ?? "" },
    });
    expect(response.status).toBe(401);
  });
});
