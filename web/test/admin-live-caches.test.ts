import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dueRoundsKey, queueIndexKey, queueKeys } from "@ticketping/common/queue";
import { QueueSettingsMissingError, QueueStore } from "@ticketping/common/queue/store";
import { seedPerformance, type SeededPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * Organizer edits reach what Redis keeps a copy of: buyers' seat maps and the waiting
 * room's settings. Without the invalidation both would go on showing the old values (the
 * seat map until something else rebuilt it, the queue until its next refresh).
 */
let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let buyerCookie: string;
let buyerId: string;

interface SeatMapBody {
  data?: {
    layout: {
      performanceName: string;
      hallName: string;
      maxSeatsPerReservation: number;
      grades: { id: string; name: string; priceMinor: number; colour: string }[];
    };
  };
  error?: { code: string };
}

async function admin(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${web.baseUrl}${path}`, {
    method,
    headers: {
      cookie: adminCookie,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The seat map as an admitted buyer reads it (the same route the booking page polls). */
async function readSeatMap(
  performance: SeededPerformance,
  scheduleId: string,
): Promise<{ status: number; body: SeatMapBody }> {
  const { token } = await system.admit({ id: buyerId }, performance.id);
  const response = await fetch(`${web.baseUrl}/api/schedules/${scheduleId}/seat-map`, {
    headers: { cookie: buyerCookie, "x-working-token": token },
  });
  return { status: response.status, body: (await response.json()) as SeatMapBody };
}

function seed(name: string, showsInHours = [100]): Promise<SeededPerformance> {
  return seedPerformance(system.prisma, { name, opensInHours: -1, showsInHours });
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_admin_caches" });
  web = await system.startWeb();
  const [organizer, buyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "organizer", role: "ADMIN" },
    { label: "buyer" },
  ]);
  [adminCookie, buyerCookie, buyerId] = [organizer.cookie, buyer.cookie, buyer.id];
});

afterAll(async () => {
  await system.stop();
});

describe("a seat map read after an organizer edit", () => {
  it("shows the new price, colour and name of a grade on every show", async () => {
    const performance = await seed("Repriced Show", [100, 124]);
    const [first = "", second = ""] = performance.scheduleIds;
    // Both maps are cached before the edit.
    for (const scheduleId of [first, second]) {
      const before = await readSeatMap(performance, scheduleId);
      expect(before.status).toBe(200);
      expect(before.body.data?.layout.grades).toEqual([
        expect.objectContaining({ name: "R", priceMinor: 5_000, colour: "#C0392B" }),
      ]);
    }

    const edit = await admin("PATCH", `/api/admin/grades/${performance.gradeId}`, {
      priceMinor: 6_500,
      colour: "#1A5276",
      name: "Stalls",
    });
    expect(edit.status).toBe(200);

    for (const scheduleId of [first, second]) {
      const after = await readSeatMap(performance, scheduleId);
      expect(after.body.data?.layout.grades).toEqual([
        expect.objectContaining({ name: "Stalls", priceMinor: 6_500, colour: "#1A5276" }),
      ]);
    }
  });

  it("lists a grade added or deleted, the performance's new name and seat limit, and the hall's new name", async () => {
    const performance = await seed("Renamed Show");
    const [scheduleId = ""] = performance.scheduleIds;
    expect((await readSeatMap(performance, scheduleId)).status).toBe(200);

    const added = await admin("POST", `/api/admin/performances/${performance.id}/grades`, {
      name: "Balcony",
      priceMinor: 2_500,
      colour: "#7D3C98",
      sortOrder: 1,
    });
    expect(added.status).toBe(201);
    const { data } = (await added.json()) as { data: { grade: { id: string } } };
    let layout = (await readSeatMap(performance, scheduleId)).body.data?.layout;
    expect(layout?.grades.map((grade) => [grade.name, grade.priceMinor])).toEqual([
      ["R", 5_000],
      ["Balcony", 2_500],
    ]);

    expect((await admin("DELETE", `/api/admin/grades/${data.grade.id}`)).status).toBe(200);
    expect(
      (
        await admin("PATCH", `/api/admin/performances/${performance.id}`, {
          name: "Renamed Again",
          maxSeatsPerReservation: 2,
        })
      ).status,
    ).toBe(200);
    const hall = await system.prisma.hall.findFirstOrThrow({
      where: { performances: { some: { id: performance.id } } },
    });
    expect(
      (await admin("PATCH", `/api/admin/halls/${hall.id}`, { name: "New Hall Name" })).status,
    ).toBe(200);

    layout = (await readSeatMap(performance, scheduleId)).body.data?.layout;
    expect(layout?.grades.map((grade) => grade.name)).toEqual(["R"]);
    expect(layout?.performanceName).toBe("Renamed Again");
    expect(layout?.maxSeatsPerReservation).toBe(2);
    expect(layout?.hallName).toBe("New Hall Name");
  });

  it("is gone once the show is deleted", async () => {
    const performance = await seed("Cancelled Show", [100, 130]);
    const [scheduleId = ""] = performance.scheduleIds;
    expect((await readSeatMap(performance, scheduleId)).status).toBe(200);
    expect((await admin("DELETE", `/api/admin/schedules/${scheduleId}`)).status).toBe(200);
    const after = await readSeatMap(performance, scheduleId);
    expect([after.status, after.body.error?.code]).toEqual([404, "NOT_FOUND"]);
  });
});

describe("the waiting room's cached settings", () => {
  const now = Date.now();
  const cachedSettings = {
    known: true,
    saleStatus: "PUBLISHED" as const,
    opensAt: now - 3_600_000,
    closesAt: now + 3_600_000,
    maxActive: 1,
    admitRate: 10,
    tokenTtlMs: 600_000,
    refuseRatio: 0,
    unsoldSeats: 6,
    claimWindowMs: 30_000,
    graceMs: 30_000,
    preQueueLeadMs: 0,
    loadedAt: now,
    shuffleSeed: "0".repeat(64),
  };

  it("are dropped when the organizer saves queue settings, opens or closes the sale, or adds a show", async () => {
    const performance = await seed("Tuned Show");
    const store = new QueueStore({ redis: system.redis, keyPrefix: system.keyPrefix });
    const configKey = queueKeys(system.keyPrefix, performance.id).config;
    const edits: [string, () => Promise<Response>][] = [
      [
        "queue settings",
        () =>
          admin("PUT", `/api/admin/performances/${performance.id}/queue-settings`, {
            maxActive: 5,
            admitRatePerSec: 2,
            tokenTtlSeconds: 300,
            refuseRatio: 3,
            powComplexity: 0,
          }),
      ],
      [
        "sale status",
        () => admin("PATCH", `/api/admin/performances/${performance.id}`, { saleStatus: "CLOSED" }),
      ],
      [
        "new show",
        () =>
          admin("POST", `/api/admin/performances/${performance.id}/schedules`, {
            startsAt: new Date(now + 200 * 3_600_000).toISOString(),
            bands: [{ gradeId: performance.gradeId, fromRow: 1, toRow: 2 }],
          }),
      ],
    ];
    for (const [label, edit] of edits) {
      await store.putSettings(performance.id, cachedSettings, 60_000);
      expect(await system.redis.exists(configKey)).toBe(1);
      const response = await edit();
      expect([label, response.ok]).toEqual([label, true]);
      expect([label, await system.redis.exists(configKey)]).toEqual([label, 0]);
      // What the queue service's scripts then meet: no settings, so they load fresh ones
      // from PostgreSQL (QueueStore's ensureSettings) before the next join or tick.
      await expect(
        store.join({ performanceId: performance.id, userId: "fan-1", newConnection: true }),
      ).rejects.toBeInstanceOf(QueueSettingsMissingError);
    }
    const stored = await system.prisma.performance.findUniqueOrThrow({
      where: { id: performance.id },
    });
    expect(stored.queueMaxActive).toBe(5);
  });
});

describe("the queue service's list of due rounds", () => {
  it("lists the round of a sale whose general sale the organizer moves at the new instant, without making it live until then", async () => {
    const performance = await seed("Moved General Sale");
    const store = new QueueStore({ redis: system.redis, keyPrefix: system.keyPrefix });
    const dueKey = dueRoundsKey(system.keyPrefix);
    // The last join was two hours ago: the ticker, which lists queues touched in the last
    // hour, no longer ticks this sale.
    const hour = 3_600_000;
    await store.touchIndex(performance.id, Date.now() - 2 * hour);
    expect(await store.listQueues(Date.now() - hour)).not.toContain(performance.id);

    const generalSaleOpensAt = new Date(Date.now() + 3 * hour);
    const moved = await admin("PATCH", `/api/admin/performances/${performance.id}`, {
      generalSaleOpensAt: generalSaleOpensAt.toISOString(),
    });
    expect(moved.status).toBe(200);
    expect(Number(await system.redis.zscore(dueKey, performance.id))).toBe(
      generalSaleOpensAt.getTime(),
    );
    // Not ticked in the hours before its round (the index keeps its last activity), and
    // due for the ticker at the instant: the round runs on time.
    expect(
      Number(await system.redis.zscore(queueIndexKey(system.keyPrefix), performance.id)),
    ).toBeLessThan(Date.now());
    expect(await store.listDueRounds(generalSaleOpensAt.getTime() - 1)).not.toContain(
      performance.id,
    );
    expect(await store.listDueRounds(generalSaleOpensAt.getTime())).toContain(performance.id);

    // Moved earlier, the round is due earlier; the presale removed, it is due never.
    const earlier = new Date(generalSaleOpensAt.getTime() - hour);
    expect(
      (
        await admin("PATCH", `/api/admin/performances/${performance.id}`, {
          generalSaleOpensAt: earlier.toISOString(),
        })
      ).status,
    ).toBe(200);
    expect(Number(await system.redis.zscore(dueKey, performance.id))).toBe(earlier.getTime());
    expect(
      (
        await admin("PATCH", `/api/admin/performances/${performance.id}`, {
          generalSaleOpensAt: null,
        })
      ).status,
    ).toBe(200);
    expect(await system.redis.zscore(dueKey, performance.id)).toBeNull();
  });

  it("lists a presale's sale reopened after its general instant as due now, so the round still runs", async () => {
    const performance = await seed("Reopened After General");
    const store = new QueueStore({ redis: system.redis, keyPrefix: system.keyPrefix });
    const hour = 3_600_000;
    // Closed during its presale (booking opened an hour ago); its general instant passed
    // half an hour ago, and nobody has joined for two hours.
    await system.prisma.performance.update({
      where: { id: performance.id },
      data: { generalSaleOpensAt: new Date(Date.now() - hour / 2), saleStatus: "CLOSED" },
    });
    await store.touchIndex(performance.id, Date.now() - 2 * hour);
    expect(await store.listQueues(Date.now() - hour)).not.toContain(performance.id);

    const reopened = await admin("PATCH", `/api/admin/performances/${performance.id}`, {
      saleStatus: "PUBLISHED",
    });
    expect(reopened.status).toBe(200);
    expect(await store.listDueRounds(Date.now())).toContain(performance.id);
    // What the ticker does with a due round: the sale is live again, and off the list.
    expect(await store.takeDueRounds(Date.now())).toContain(performance.id);
    expect(await store.listQueues(Date.now() - hour)).toContain(performance.id);
    expect(await store.listDueRounds(Date.now())).not.toContain(performance.id);
  });
});
