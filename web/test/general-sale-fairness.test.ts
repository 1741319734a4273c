import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QueueStore } from "@ticketping/common/queue/store";
import { saleSettings } from "@ticketping/common/testing";
import { checkSale, saleRecordSchema, type SaleRecord } from "@ticketping/verify";
import { seedPerformance, type SeededPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

// The general sale's own committed shuffle after a presale, as the production build
// publishes it: the commitment from the start, the reveal once the queue's real scripts (a
// real Redis) have run it, the verifier's verdict on both rounds, and the report's figures.

let system: WebTestSystem;
let web: RunningWebServer;
let store: QueueStore;
let adminCookie: string;
let performance: SeededPerformance;
let seeds: { seed: string; generalSeed: string };
const generalSaleOpensAt = new Date(Date.now() + 600_000);
const fans = ["fan-1", "fan-2", "fan-3", "fan-4"];

interface Answer {
  status: number;
  data: {
    fairness?: unknown;
    performance?: { fairness: Record<string, unknown> };
    report?: Record<string, unknown>;
  };
}

async function get(path: string, cookie?: string): Promise<Answer> {
  const response = await fetch(`${web.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  const body = (await response.json()) as { data: Answer["data"] };
  return { status: response.status, data: body.data };
}

const fairnessRecordOf = async (slug: string): Promise<SaleRecord> =>
  saleRecordSchema.parse((await get(`/api/performances/${slug}/fairness`)).data.fairness);

const fairnessRecord = () => fairnessRecordOf(performance.slug);

const sha256 = (text: string) => createHash("sha256").update(text, "ascii").digest("hex");

/** The queue's settings as its loader writes them for this sale, general sale at `generalOpensAt`. */
const presale = (generalOpensAt: number) =>
  saleSettings({
    maxActive: 0,
    unsoldSeats: 6,
    shuffleSeed: seeds.seed,
    generalOpensAt,
    generalShuffleSeed: seeds.generalSeed,
  });

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_general_sale" });
  web = await system.startWeb();
  store = new QueueStore({ redis: system.redis, keyPrefix: system.keyPrefix });
  const [admin] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "general-organizer", role: "ADMIN" },
  ]);
  adminCookie = admin.cookie;
  performance = await seedPerformance(system.prisma, {
    name: "General Sale Night",
    opensInHours: -1,
    showsInHours: [48],
  });
  await system.prisma.performance.update({
    where: { id: performance.id },
    data: { generalSaleOpensAt },
  });
}, 120_000);

/**
 * A sale on sale since `opensInHours` ago, read once through the catalog (which writes its
 * fairness row), with the two seeds the queue's settings need.
 */
async function saleWithSeeds(name: string, opensInHours: number) {
  const night = await seedPerformance(system.prisma, { name, opensInHours, showsInHours: [48] });
  await get(`/api/performances/${night.slug}`);
  const { seed, generalSeed } = await system.prisma.saleFairness.findUniqueOrThrow({
    where: { performanceId: night.id },
  });
  return { night, seed, generalSeed };
}

afterAll(async () => {
  await system.stop();
});

describe("the general sale's committed shuffle", () => {
  it("is committed from the start, revealed once it ran, and checks with the opening's", async () => {
    const shown = await get(`/api/performances/${performance.slug}`);
    expect(shown.status).toBe(200);
    seeds = await system.prisma.saleFairness.findUniqueOrThrow({
      where: { performanceId: performance.id },
      select: { seed: true, generalSeed: true },
    });
    expect(seeds.generalSeed).not.toBe(seeds.seed);
    expect(shown.data.performance?.fairness).toEqual({
      algorithm: "ticketping-shuffle-v1",
      commitment: sha256(seeds.seed),
      generalCommitment: sha256(seeds.generalSeed),
    });
    expect((await fairnessRecord()).generalSale).toEqual({
      opensAt: generalSaleOpensAt.toISOString(),
      commitment: sha256(seeds.generalSeed),
      shuffledAt: null,
      seed: null,
      entrants: null,
      lineOrder: null,
      notRun: null,
    });

    // The presale opens with a code holder; buyers without a code wait for the general sale.
    await store.putSettings(performance.id, presale(generalSaleOpensAt.getTime()), 600_000);
    await store.join({
      performanceId: performance.id,
      userId: "holder",
      newConnection: true,
      presaleHolder: true,
    });
    for (const userId of fans) {
      await store.join({ performanceId: performance.id, userId, newConnection: true });
    }
    const between = await fairnessRecord();
    expect(between.seed).toBe(seeds.seed);
    expect(between.generalSale?.seed).toBeNull();
    // The opening's round is checked now; the general sale's seed stays secret until its own.
    expect(checkSale(between)).toEqual({ outcome: "not-yet-revealed", opening: { entrants: 0 } });

    // Its instant passes (the organizer moved it to now): the first script shuffles it in.
    await store.putSettings(performance.id, presale(Date.now() - 1), 600_000);
    await store.advance({ performanceId: performance.id, minIntervalMs: 0, maxAdmissions: 10 });
    const after = await fairnessRecord();
    expect(after.generalSale).toMatchObject({
      seed: seeds.generalSeed,
      shuffledAt: expect.any(String) as string,
    });
    expect(after.generalSale?.entrants).toHaveLength(fans.length);
    expect(checkSale(after, { generalCommitment: sha256(seeds.generalSeed) })).toEqual({
      outcome: "matches",
      entrants: 0,
      generalEntrants: fans.length,
    });
    // Kept in PostgreSQL as the opening's is, so it outlives the queue's state in Redis.
    const kept = await system.prisma.saleFairness.findUniqueOrThrow({
      where: { performanceId: performance.id },
    });
    expect(kept.generalEntrants).toEqual(fans);
    expect(kept.generalShuffledAt?.toISOString()).toBe(after.generalSale?.shuffledAt);

    // The verify page says both rounds match.
    const page = await fetch(`${web.baseUrl}/performances/${performance.slug}/fairness`);
    const html = await page.text();
    expect(html).toContain('data-outcome="matches"');
    expect(html).toContain('data-testid="fairness-general-sale"');
    expect(html).toContain(seeds.generalSeed);

    // The organizer's live report counts the round.
    const report = await get(
      `/api/admin/performances/${performance.id}/fairness-report`,
      adminCookie,
    );
    expect(report.data.report).toMatchObject({
      preQueued: fans.length,
      generalSale: { openedAt: after.generalSale?.shuffledAt, preQueued: fans.length },
    });
  });

  it("keeps the round that ran, at the moment it ran, whatever the organizer does after", async () => {
    const ran = await fairnessRecord();
    const shuffledAt = ran.generalSale?.shuffledAt;
    expect(typeof shuffledAt).toBe("string");
    // The general sale opened when its round ran, not at the instant the database still says.
    expect(ran.generalSale?.opensAt).toBe(shuffledAt);
    const noted = sha256(seeds.generalSeed);

    for (const generalSaleOpensAt of [new Date(Date.now() + 7_200_000), null]) {
      // Moved later, then the presale removed.
      await system.prisma.performance.update({
        where: { id: performance.id },
        data: { generalSaleOpensAt },
      });
      const later = await fairnessRecord();
      expect(later.generalSale).toEqual(ran.generalSale);
      expect(later.generalCommitment).toBe(noted);
      expect(checkSale(later, { generalCommitment: noted })).toEqual({
        outcome: "matches",
        entrants: 0,
        generalEntrants: fans.length,
      });
    }
    const shown = await get(`/api/performances/${performance.slug}`);
    expect(shown.data.performance?.fairness.generalCommitment).toBe(noted);
  });
});

describe("the general sale's commitment", () => {
  it("is published for every sale, and a noted one checks when no general round ran", async () => {
    const plain = await seedPerformance(system.prisma, {
      name: "No Presale Night",
      opensInHours: -1,
      showsInHours: [48],
    });
    const shown = await get(`/api/performances/${plain.slug}`);
    const { seed, generalSeed } = await system.prisma.saleFairness.findUniqueOrThrow({
      where: { performanceId: plain.id },
    });
    // Noted before any presale: a presale added later (its lead window open at once) or
    // removed must not change it.
    const noted = sha256(generalSeed);
    expect(shown.data.performance?.fairness.generalCommitment).toBe(noted);

    const withPresale = new Date(Date.now() + 600_000);
    await system.prisma.performance.update({
      where: { id: plain.id },
      data: { generalSaleOpensAt: withPresale },
    });
    expect(
      (await get(`/api/performances/${plain.slug}`)).data.performance?.fairness.generalCommitment,
    ).toBe(noted);
    const during = await fairnessRecordOf(plain.slug);
    expect(during.generalCommitment).toBe(noted);
    expect(during.generalSale).toMatchObject({
      opensAt: withPresale.toISOString(),
      commitment: noted,
      shuffledAt: null,
    });

    // The presale is removed before its round; the sale opens with one buyer.
    await system.prisma.performance.update({
      where: { id: plain.id },
      data: { generalSaleOpensAt: null },
    });
    await store.putSettings(
      plain.id,
      saleSettings({ shuffleSeed: seed, generalShuffleSeed: generalSeed, maxActive: 0 }),
      600_000,
    );
    await store.join({ performanceId: plain.id, userId: "buyer", newConnection: true });
    const opened = await fairnessRecordOf(plain.slug);
    expect(opened.generalSale).toBeNull();
    expect(opened.generalCommitment).toBe(noted);
    expect(checkSale(opened, { generalCommitment: noted })).toEqual({
      outcome: "matches",
      entrants: 0,
      singleRound: "no-general-round",
    });
    expect(checkSale(opened, { generalCommitment: "0".repeat(64) })).toMatchObject({
      outcome: "does-not-match",
    });
  });

  it("shows a general round that ran after the presale was removed, though the record without it was read first", async () => {
    const { night, seed, generalSeed } = await saleWithSeeds("Removed Presale Night", -1);
    const generalLater = Date.now() + 600_000;
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { generalSaleOpensAt: new Date(generalLater) },
    });
    const settings = (generalOpensAt: number) =>
      saleSettings({
        shuffleSeed: seed,
        generalShuffleSeed: generalSeed,
        maxActive: 0,
        generalOpensAt,
      });
    await store.putSettings(night.id, settings(generalLater), 600_000);
    await store.join({
      performanceId: night.id,
      userId: "holder",
      newConnection: true,
      presaleHolder: true,
    });
    for (const userId of ["late-1", "late-2"]) {
      await store.join({ performanceId: night.id, userId, newConnection: true });
    }

    // The organizer removes the presale; a reader comes before the queue has run the round.
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { generalSaleOpensAt: null },
    });
    expect((await fairnessRecordOf(night.slug)).generalSale).toBeNull();

    await store.putSettings(night.id, settings(0), 600_000);
    await store.advance({ performanceId: night.id, minIntervalMs: 0, maxAdmissions: 10 });
    // The web app looks for a round run since at most every few seconds, not per reader.
    await expect
      .poll(async () => (await fairnessRecordOf(night.slug)).generalSale?.entrants?.length, {
        timeout: 15_000,
        interval: 500,
      })
      .toBe(2);
    const after = await fairnessRecordOf(night.slug);
    expect(checkSale(after)).toMatchObject({ outcome: "matches", generalEntrants: 2 });
  });

  it("holds no general round for a sale closed during its presale, so none is missing", async () => {
    const { night, seed, generalSeed } = await saleWithSeeds("Closed Presale Night", -1);
    const generalLater = Date.now() + 600_000;
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { generalSaleOpensAt: new Date(generalLater) },
    });
    await store.putSettings(
      night.id,
      saleSettings({
        shuffleSeed: seed,
        generalShuffleSeed: generalSeed,
        maxActive: 0,
        generalOpensAt: generalLater,
      }),
      600_000,
    );
    await store.join({
      performanceId: night.id,
      userId: "holder",
      newConnection: true,
      presaleHolder: true,
    });
    // The presale sells the house and the organizer closes the sale before its general sale.
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { saleStatus: "CLOSED" },
    });
    const record = await fairnessRecordOf(night.slug);
    expect(record.generalSale).toBeNull();
    expect(checkSale(record, { now: generalLater + 3_600_000 })).toMatchObject({
      outcome: "matches",
    });

    // Reopened before its instant, the sale holds the round again, remembered record or not.
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { saleStatus: "PUBLISHED" },
    });
    expect((await fairnessRecordOf(night.slug)).generalSale).toMatchObject({
      opensAt: new Date(generalLater).toISOString(),
      shuffledAt: null,
    });
  });

  it("says a general round was not run when the sale closed just after its instant, and the verifier accepts it", async () => {
    const { night, seed, generalSeed } = await saleWithSeeds("Closed Late Night", -2);
    await store.putSettings(
      night.id,
      saleSettings({ shuffleSeed: seed, generalShuffleSeed: generalSeed, maxActive: 0 }),
      600_000,
    );
    await store.join({ performanceId: night.id, userId: "buyer", newConnection: true });
    // The sale opened before its general sale's instant, which then passes, and the
    // organizer closes the sale before the queue ran the round (as if within one tick).
    const generalAt = Date.now() + 1_000;
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { generalSaleOpensAt: new Date(generalAt) },
    });
    await new Promise((resolve) => setTimeout(resolve, generalAt + 50 - Date.now()));
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { saleStatus: "CLOSED" },
    });
    const { saleClosedAt } = await system.prisma.performance.findUniqueOrThrow({
      where: { id: night.id },
    });
    expect(saleClosedAt?.getTime()).toBeGreaterThan(generalAt);

    const record = await fairnessRecordOf(night.slug);
    expect(record.generalSale).toMatchObject({
      opensAt: new Date(generalAt).toISOString(),
      shuffledAt: null,
      notRun: { reason: "SALE_CLOSED", closedAt: saleClosedAt?.toISOString() },
    });
    expect(checkSale(record, { now: generalAt + 3_600_000 })).toEqual({
      outcome: "matches",
      // The buyer joined after the opening, in line rather than in its shuffle.
      entrants: 0,
      singleRound: "general-round-not-run-sale-closed",
    });
  });

  it("still expects the general round of a sale closed long after its instant, so a skipped one is caught", async () => {
    const { night, seed, generalSeed } = await saleWithSeeds("Closed Much Later Night", -2);
    await store.putSettings(
      night.id,
      saleSettings({ shuffleSeed: seed, generalShuffleSeed: generalSeed, maxActive: 0 }),
      600_000,
    );
    await store.join({ performanceId: night.id, userId: "buyer", newConnection: true });
    // The queue's record of an opening 20 minutes ago (the join above just opened it), and
    // a general sale 10 minutes ago whose round never ran: the organizer closes the sale
    // now, long past the verifier's grace, so "not run: sale closed" does not excuse it.
    const now = Date.now();
    await system.redis.hset(store.keys(night.id).state, "openedAt", now - 20 * 60_000);
    const generalAt = now - 10 * 60_000;
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { generalSaleOpensAt: new Date(generalAt) },
    });
    await system.prisma.performance.update({
      where: { id: night.id },
      data: { saleStatus: "CLOSED" },
    });

    const record = await fairnessRecordOf(night.slug);
    expect(record.generalSale).toMatchObject({
      opensAt: new Date(generalAt).toISOString(),
      shuffledAt: null,
      notRun: { reason: "SALE_CLOSED" },
    });
    const verdict = checkSale(record, { now: generalAt + 3_600_000 });
    expect(verdict.outcome === "does-not-match" && verdict.reasons).toEqual([
      expect.stringMatching(
        /^general sale: it opened at \S+, after a presale, and the sale closed at \S+, more than 5 minutes later, with no round run$/,
      ) as string,
    ]);
  });
});
