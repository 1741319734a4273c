import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createEvent, holdExpired, holdReleased, waitlistOffered } from "@ticketping/common/events";
import { createLogger } from "@ticketping/common/logger";
import { createPaymentProvider } from "@ticketping/common/payments";
import { queueKeys } from "@ticketping/common/queue";
import { closeRedis, createRedis } from "@ticketping/common/redis";
import { releaseSeats, scheduleKeys } from "@ticketping/common/seats";
import { cancelShow, closeWaitlist, requestOrganizerRefund } from "@ticketping/db/lifecycle";
import { createTestBuyers } from "@ticketping/db/testing";
import type { HandlerDeps } from "../src/handlers/deps";
import { offerReturnedSeats } from "../src/waitlist/offer-returned-seats";
import { passWaitlists } from "../src/waitlist/pass-waitlists";
import { cacheSeatMap, createShow, holdInRedis, recordPayment } from "./support/fixtures";
import { publicWebUrl, startMailTestBed, type MailTestBed } from "./support/mail-test-bed";

const env = parseEnv({ REDIS_URL: envFields.redisUrl });
const redis = createRedis({ url: env.REDIS_URL, connectionName: "waitlist-offers-test" });
// This file's own seat namespace (SEAT_KEY_PREFIX), which the worker uses as well.
const seatKeyPrefix = `waitlist-offers-test-${randomUUID()}:`;
// And its own waiting-room namespace (QUEUE_KEY_PREFIX): the line comes before the waitlist.
const queueKeyPrefix = `waitlist-offers-queue-${randomUUID()}:`;
// Long enough for the offer mail to be sent before the offer lapses on a loaded machine (a
// lapsed offer is not mailed), short enough to watch two lapses.
const OFFER_TTL_SECONDS = 15;
const poll = { timeout: 30_000, interval: 100 };

let bed: MailTestBed;
/** This process's own offer passes, racing the worker's with real clients. */
let deps: HandlerDeps;

type Show = Awaited<ReturnType<typeof createShow>>;

/**
 * A sold-out show: one buyer holds every seat (as the web app does, Redis then
 * PostgreSQL), lapsing `lapseInMs` from now, or held further off when `lapseInMs` is unset.
 */
async function soldOutShow(seats: number, lapseInMs?: number) {
  const show = await createShow(bed.prisma, { seats });
  await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: show.scheduleId });
  const [holder] = await createTestBuyers(bed.prisma, 1);
  if (!holder) throw new Error("no buyer");
  const holdExpiresAt = new Date(Date.now() + (lapseInMs ?? 600_000));
  const hold = await webHold({ show, userId: holder.id, seatIds: show.seatIds, holdExpiresAt });
  return { show, holder, hold };
}

/** A web-style hold: Redis first, then PostgreSQL, undone in Redis if PostgreSQL refuses. */
async function webHold({
  show,
  userId,
  seatIds,
  holdExpiresAt,
}: {
  show: Show;
  userId: string;
  seatIds: string[];
  holdExpiresAt: Date;
}) {
  const reservationId = randomUUID();
  await holdInRedis(redis, {
    keyPrefix: seatKeyPrefix,
    scheduleId: show.scheduleId,
    reservationId,
    userId,
    seatIds,
    expiresAt: holdExpiresAt,
  });
  try {
    return await bed.prisma.reservation.create({
      data: {
        id: reservationId,
        userId,
        scheduleId: show.scheduleId,
        amountMinor: show.priceMinor * seatIds.length,
        currency: "EUR",
        holdExpiresAt,
        seats: { create: seatIds.map((seatId) => ({ seatId, priceMinor: show.priceMinor })) },
      },
    });
  } catch (error) {
    await releaseSeats(redis, {
      keyPrefix: seatKeyPrefix,
      scheduleId: show.scheduleId,
      reservationId,
      seatIds,
    });
    throw error;
  }
}

/** Buyers joining the show's waitlist in this order, wanting these many seats each. */
async function join(show: Show, quantities: number[]) {
  const buyers = await createTestBuyers(bed.prisma, quantities.length);
  const start = Date.now();
  const entries = [];
  for (const [index, quantity] of quantities.entries()) {
    const buyer = buyers[index];
    if (!buyer) throw new Error("no buyer");
    entries.push({
      ...buyer,
      entry: await bed.prisma.waitlistEntry.create({
        data: {
          scheduleId: show.scheduleId,
          userId: buyer.id,
          quantity,
          joinedAt: new Date(start + index),
        },
      }),
    });
  }
  return entries;
}

const entryStatus = async (entryId: string) =>
  (await bed.prisma.waitlistEntry.findUniqueOrThrow({ where: { id: entryId } })).status;

/** The open offer of an entry, with its seats. */
const offersOf = (entryId: string) =>
  bed.prisma.reservation.findMany({
    where: { waitlistEntryId: entryId },
    include: { seats: true },
    orderBy: { createdAt: "asc" },
  });

/**
 * The seat map's cache says exactly what PostgreSQL says: every seat of a PENDING
 * reservation held by it, every other live seat sold (a confirmed order's, or a refunded
 * one kept off sale), and every other seat free.
 */
async function cacheMismatches(scheduleId: string): Promise<string[]> {
  const rows = await bed.prisma.reservationSeat.findMany({
    where: { active: true, seat: { scheduleId } },
    select: { seatId: true, reservation: { select: { id: true, status: true } } },
  });
  const expected = new Map(
    rows.map((row) => [
      row.seatId,
      `${row.reservation.status === "PENDING" ? "H" : "S"}:${row.reservation.id}`,
    ]),
  );
  const cached = await redis.hgetall(scheduleKeys(seatKeyPrefix, scheduleId).status);
  const seatIds = new Set([...expected.keys(), ...Object.keys(cached)]);
  return [...seatIds]
    .filter((seatId) => expected.get(seatId) !== cached[seatId])
    .map((seatId) => `${seatId}: database ${expected.get(seatId)}, cache ${cached[seatId]}`);
}

/** Every seat of the show in at most one live reservation, and each held seat's owner. */
async function liveSeatOwners(scheduleId: string) {
  const rows = await bed.prisma.reservationSeat.findMany({
    where: { active: true, seat: { scheduleId } },
    select: { seatId: true, reservationId: true },
  });
  return new Map(rows.map((row) => [row.seatId, row.reservationId]));
}

describe("waitlist offers (real worker, Kafka, PostgreSQL, Redis and Mailpit)", () => {
  beforeAll(async () => {
    bed = await startMailTestBed({
      label: "waitlist_offers",
      env: {
        SEAT_KEY_PREFIX: seatKeyPrefix,
        QUEUE_KEY_PREFIX: queueKeyPrefix,
        WAITLIST_OFFER_TTL_SECONDS: String(OFFER_TTL_SECONDS),
        HOLD_SWEEP_INTERVAL_MS: "500",
        HOLD_SWEEP_GRACE_MS: "300",
      },
    });
    deps = {
      prisma: bed.prisma,
      redis,
      seatKeyPrefix,
      logger: createLogger({ name: "waitlist-offers-test", level: "silent" }),
      payments: createPaymentProvider({ provider: "SIMULATED" }),
      waitlist: { offerTtlMs: OFFER_TTL_SECONDS * 1000, maxOpenHolds: 1, queueKeyPrefix },
    };
  });

  afterAll(async () => {
    await bed.stop();
    await closeRedis(redis);
  });

  it("offers a lapsed hold's seats in line order to the entries that fit, mails them, and passes a lapsed offer on", async () => {
    const { show, hold } = await soldOutShow(3, 1_500);
    const [tooMany, first, second, single] = await join(show, [4, 2, 2, 1]);
    if (!tooMany || !first || !second || !single) throw new Error("no entries");

    // Three seats back: the 4-seat entry does not fit, the first pair does, the second pair
    // no longer does, the single does.
    await expect.poll(() => entryStatus(single.entry.id), poll).toBe("OFFERED");
    expect(await entryStatus(first.entry.id)).toBe("OFFERED");
    expect(await entryStatus(tooMany.entry.id)).toBe("WAITING");
    expect(await entryStatus(second.entry.id)).toBe("WAITING");
    expect(
      (await bed.prisma.reservation.findUniqueOrThrow({ where: { id: hold.id } })).status,
    ).toBe("EXPIRED");
    const [firstOffer] = await offersOf(first.entry.id);
    const [singleOffer] = await offersOf(single.entry.id);
    expect(firstOffer?.status).toBe("PENDING");
    expect(firstOffer?.userId).toBe(first.id);
    expect(firstOffer?.seats).toHaveLength(2);
    expect(singleOffer?.seats).toHaveLength(1);
    const offerLife =
      (firstOffer?.holdExpiresAt.getTime() ?? 0) - (firstOffer?.createdAt.getTime() ?? 0);
    expect(Math.abs(offerLife - OFFER_TTL_SECONDS * 1000)).toBeLessThan(1_000);
    await expect.poll(() => cacheMismatches(show.scheduleId), poll).toEqual([]);

    // The mail links to the offer's page. On a slow machine the offer may already have
    // lapsed, and its mail saying so arrived after it: look for the offer's own.
    const offerMail = async () =>
      (await bed.mailpit.client.to(first.email)).find((each) =>
        each.Subject.includes("are yours to take"),
      );
    await expect.poll(offerMail, poll).toBeDefined();
    const mail = await offerMail();
    const body = await bed.mailpit.client.message(mail?.ID ?? "");
    expect(body.Text).toContain(`${publicWebUrl}/waitlist/offers/${firstOffer?.id}`);

    // Nobody takes the offers: they lapse, their entries had their turn, and the first
    // pair's seats go to the second pair; the single seat finds nobody who fits.
    await expect.poll(() => entryStatus(second.entry.id), poll).toBe("OFFERED");
    await expect.poll(() => entryStatus(first.entry.id), poll).toBe("PASSED");
    await expect.poll(() => entryStatus(single.entry.id), poll).toBe("PASSED");
    expect(await entryStatus(tooMany.entry.id)).toBe("WAITING");
    const [secondOffer] = await offersOf(second.entry.id);
    expect(secondOffer?.seats.map((seat) => seat.seatId).sort()).toEqual(
      firstOffer?.seats.map((seat) => seat.seatId).sort(),
    );
    expect((await offersOf(first.entry.id)).map((offer) => offer.status)).toEqual(["EXPIRED"]);
    // The lapsed offers freed their seats in the cache too, and the new one holds them there.
    await expect.poll(() => cacheMismatches(show.scheduleId), poll).toEqual([]);
    await bed.mailpit.client.waitFor(second.email);
  });

  it("passes an accepted offer on when its hold then lapses unpaid", async () => {
    const { show } = await soldOutShow(1, 1_000);
    const [taker, next] = await join(show, [1, 1]);
    if (!taker || !next) throw new Error("no entries");
    await expect.poll(() => entryStatus(taker.entry.id), poll).toBe("OFFERED");
    const [offer] = await offersOf(taker.entry.id);
    if (!offer) throw new Error("no offer");
    // The buyer accepts, as the web app's accept writes it, and never pays.
    await bed.prisma.$transaction([
      bed.prisma.reservation.update({
        where: { id: offer.id },
        data: { offerAcceptedAt: new Date() },
      }),
      bed.prisma.waitlistEntry.update({
        where: { id: taker.entry.id },
        data: { status: "ACCEPTED" },
      }),
    ]);
    await expect.poll(() => entryStatus(next.entry.id), poll).toBe("OFFERED");
    expect(await entryStatus(taker.entry.id)).toBe("PASSED");
    expect((await offersOf(taker.entry.id)).map((each) => each.status)).toEqual(["EXPIRED"]);
  });

  it.each(["waiting", "generalPre"] as const)(
    "leaves seats that come back to buyers in the line (%s), and offers them once it is empty",
    async (where) => {
      const { show, hold } = await soldOutShow(1, 1_000);
      const [buyer] = await join(show, [1]);
      if (!buyer) throw new Error("no entries");
      // Someone waits in the performance's line, or in the general sale's pre-queue: they went
      // through its door first.
      const line = queueKeys(queueKeyPrefix, show.performanceId)[where];
      await redis.zadd(line, 1, "someone-in-line");

      await expect
        .poll(
          async () =>
            (await bed.prisma.reservation.findUniqueOrThrow({ where: { id: hold.id } })).status,
          poll,
        )
        .toBe("EXPIRED");
      // Several sweeps later (every 500 ms here), still nobody offered: the seat is the line's.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(await entryStatus(buyer.entry.id)).toBe("WAITING");
      expect(await offersOf(buyer.entry.id)).toEqual([]);

      await redis.del(line);
      await expect.poll(() => entryStatus(buyer.entry.id), poll).toBe("OFFERED");
      await expect.poll(() => cacheMismatches(show.scheduleId), poll).toEqual([]);
    },
  );

  it("makes no offer during a presale, whose seats are for code holders, and offers once the general sale opens", async () => {
    const { show, hold } = await soldOutShow(1, 1_000);
    await bed.prisma.performance.update({
      where: { id: show.performanceId },
      data: { generalSaleOpensAt: new Date(Date.now() + 600_000) },
    });
    const [buyer] = await join(show, [1]);
    if (!buyer) throw new Error("no entries");

    await expect
      .poll(
        async () =>
          (await bed.prisma.reservation.findUniqueOrThrow({ where: { id: hold.id } })).status,
        poll,
      )
      .toBe("EXPIRED");
    // Several sweeps later (every 500 ms here), still nobody offered: an offer needs no code.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await entryStatus(buyer.entry.id)).toBe("WAITING");
    expect(await offersOf(buyer.entry.id)).toEqual([]);

    await bed.prisma.performance.update({
      where: { id: show.performanceId },
      data: { generalSaleOpensAt: null },
    });
    await expect.poll(() => entryStatus(buyer.entry.id), poll).toBe("OFFERED");
  });

  it("makes each offer once however often the seats' return is redelivered", async () => {
    const { show, hold } = await soldOutShow(2, 1_000);
    const [buyer, next] = await join(show, [2, 1]);
    if (!buyer || !next) throw new Error("no entries");
    await expect.poll(() => entryStatus(buyer.entry.id), poll).toBe("OFFERED");

    // Kafka delivers the hold's end again, under its own and other ids, and passes race.
    const expired = createEvent(holdExpired, {
      reservationId: hold.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
    });
    const released = createEvent(holdReleased, {
      reservationId: hold.id,
      scheduleId: show.scheduleId,
    });
    for (let round = 0; round < 3; round++) {
      await bed.publisher.publish(holdExpired, expired, { key: hold.id });
      await bed.publisher.publish(holdReleased, released, { key: hold.id });
    }
    await Promise.all(
      Array.from({ length: 5 }, () => offerReturnedSeats(deps, { scheduleId: show.scheduleId })),
    );
    await expect
      .poll(
        () =>
          bed.worker.logs.filter(
            (line) => line.msg === "released hold settled" && line.reservationId === hold.id,
          ).length,
        poll,
      )
      .toBe(3);

    expect(await offersOf(buyer.entry.id)).toHaveLength(1);
    expect(await offersOf(next.entry.id)).toHaveLength(0);
    expect(await entryStatus(next.entry.id)).toBe("WAITING");
    const announced = await bed.prisma.outboxEvent.count({
      where: { topic: waitlistOffered.topic, key: (await offersOf(buyer.entry.id))[0]?.id },
    });
    expect(announced).toBe(1);
    expect(await cacheMismatches(show.scheduleId)).toEqual([]);
    expect(await bed.mailpit.client.waitFor(buyer.email)).toHaveLength(1);
  });

  it("gives concurrent returns to distinct entries, never a seat twice, with holds racing the passes and no deadlock", async () => {
    const show = await createShow(bed.prisma, { seats: 6 });
    await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: show.scheduleId });
    const holders = await createTestBuyers(bed.prisma, 6);
    const lapseAt = new Date(Date.now() + 1_500);
    // Four holds lapse at once; two seats stay held a long while.
    await Promise.all(
      holders.map((holder, index) =>
        webHold({
          show,
          userId: holder.id,
          seatIds: [show.seatIds[index] ?? ""],
          holdExpiresAt: index < 4 ? lapseAt : new Date(Date.now() + 600_000),
        }),
      ),
    );
    const entries = await join(show, [1, 1, 1, 1, 1, 1]);
    const intruders = await createTestBuyers(bed.prisma, 4);

    // While the worker ends the holds and makes offers: this process's passes, and buyers
    // holding the returning seats the way the web app does (Redis, then PostgreSQL).
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(0, lapseAt.getTime() - Date.now())),
    );
    const passes = Array.from({ length: 6 }, () =>
      offerReturnedSeats(deps, { scheduleId: show.scheduleId }),
    );
    // Each tries its seat again and again until it holds it or an offer does.
    const grab = async (userId: string, seatId: string): Promise<"held" | "refused"> => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const held = await webHold({
          show,
          userId,
          seatIds: [seatId],
          holdExpiresAt: new Date(Date.now() + 600_000),
        }).then(
          () => true,
          () => false,
        );
        if (held) return "held";
        const owner = await bed.prisma.reservationSeat.findFirst({
          where: { seatId, active: true, reservation: { waitlistEntryId: { not: null } } },
        });
        if (owner) return "refused";
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return "refused";
    };
    const grabs = intruders.map((intruder, index) => grab(intruder.id, show.seatIds[index] ?? ""));
    const passResults = await Promise.allSettled(passes);
    expect(passResults.filter((result) => result.status === "rejected")).toEqual([]);
    const grabbed = (await Promise.all(grabs)).filter((outcome) => outcome === "held").length;

    // Every returning seat went to exactly one buyer: a waiting entry or a quick buyer.
    await expect
      .poll(async () => {
        const offered = await bed.prisma.reservation.count({
          where: { scheduleId: show.scheduleId, waitlistEntryId: { not: null }, status: "PENDING" },
        });
        return offered + grabbed;
      }, poll)
      .toBe(4);
    const owners = await liveSeatOwners(show.scheduleId);
    expect(owners.size).toBe(6);
    const offeredEntries = [];
    for (const { entry } of entries) {
      const offers = await offersOf(entry.id);
      expect(offers.length).toBeLessThanOrEqual(1);
      if (offers.length === 1) offeredEntries.push(entry.id);
    }
    // In line order: the first ones in line got them.
    expect(offeredEntries).toEqual(entries.slice(0, 4 - grabbed).map(({ entry }) => entry.id));
    await expect.poll(() => cacheMismatches(show.scheduleId), poll).toEqual([]);
    expect(bed.worker.logs.filter((line) => JSON.stringify(line).includes("deadlock"))).toEqual([]);
  });

  it("offers seats an organizer's refund puts back on sale, and none it keeps off sale", async () => {
    const { show, hold } = await soldOutShow(2);
    await recordPayment(bed.prisma, { reservationId: hold.id, amountMinor: 2 * show.priceMinor });
    await expect
      .poll(
        async () =>
          (await bed.prisma.reservation.findUniqueOrThrow({ where: { id: hold.id } })).status,
        poll,
      )
      .toBe("CONFIRMED");
    const [pair, single] = await join(show, [2, 1]);
    if (!pair || !single) throw new Error("no entries");
    const [kept, released] = show.seatIds;
    const refund = (seatId: string, releaseSeats: boolean) =>
      bed.prisma.$transaction((tx) =>
        requestOrganizerRefund(tx, {
          reservationId: hold.id,
          seatIds: [seatId],
          releaseSeats,
          cause: "ORGANIZER",
          reason: "Refunded by the organizer.",
        }),
      );
    await refund(kept ?? "", false);
    await refund(released ?? "", true);

    // One seat back: the pair does not fit, the single does, with exactly that seat.
    await expect.poll(() => entryStatus(single.entry.id), poll).toBe("OFFERED");
    const [offer] = await offersOf(single.entry.id);
    expect(offer?.seats.map((seat) => seat.seatId)).toEqual([released]);
    expect(await entryStatus(pair.entry.id)).toBe("WAITING");
    await expect.poll(() => cacheMismatches(show.scheduleId), poll).toEqual([]);
  });

  it("never offers a seat the organizer holds back", async () => {
    const { show } = await soldOutShow(2, 1_000);
    const [heldBack, offered] = show.seatIds;
    await bed.prisma.seat.update({
      where: { id: heldBack ?? "" },
      data: { heldBackAt: new Date() },
    });
    const [pair, single] = await join(show, [2, 1]);
    if (!pair || !single) throw new Error("no entries");
    await expect.poll(() => entryStatus(single.entry.id), poll).toBe("OFFERED");
    const [offer] = await offersOf(single.entry.id);
    expect(offer?.seats.map((seat) => seat.seatId)).toEqual([offered]);
    expect(await entryStatus(pair.entry.id)).toBe("WAITING");
  });

  it("one show's failing pass neither stops nor rolls back another show's offers", async () => {
    const broken = await soldOutShow(1);
    const healthy = await soldOutShow(1);
    const [brokenEntry] = await join(broken.show, [1]);
    const [healthyEntry] = await join(healthy.show, [1]);
    if (!brokenEntry || !healthyEntry) throw new Error("no entries");
    // The broken show's cached status is no hash (Redis answers WRONGTYPE to its pass).
    const brokenStatus = scheduleKeys(seatKeyPrefix, broken.show.scheduleId).status;
    await redis.del(brokenStatus);
    await redis.set(brokenStatus, "not a hash");
    // Both shows' seats come back in PostgreSQL at once (the organizer's choice, say).
    await bed.prisma.reservation.updateMany({
      where: { id: { in: [broken.hold.id, healthy.hold.id] } },
      data: { status: "CANCELLED", closedAt: new Date() },
    });
    await releaseSeats(redis, {
      keyPrefix: seatKeyPrefix,
      scheduleId: healthy.show.scheduleId,
      reservationId: healthy.hold.id,
    });

    const result = await passWaitlists(deps);
    expect(result.failed).toBeGreaterThanOrEqual(1);
    await expect.poll(() => entryStatus(healthyEntry.entry.id), poll).toBe("OFFERED");
    expect(await entryStatus(brokenEntry.entry.id)).toBe("WAITING");
    expect(await offersOf(brokenEntry.entry.id)).toHaveLength(0);
    await expect.poll(() => cacheMismatches(healthy.show.scheduleId), poll).toEqual([]);
    // Repaired, the broken show's next pass makes its offer.
    await redis.del(brokenStatus);
    await cacheSeatMap(redis, { keyPrefix: seatKeyPrefix, scheduleId: broken.show.scheduleId });
    await expect.poll(() => entryStatus(brokenEntry.entry.id), poll).toBe("OFFERED");
  });

  it("makes no offer once the organizer closed the waitlist or cancelled the show, which ends open offers", async () => {
    const closed = await soldOutShow(1, 1_000);
    const [closedEntry] = await join(closed.show, [1]);
    if (!closedEntry) throw new Error("no entry");
    await bed.prisma.$transaction((tx) =>
      closeWaitlist(tx, { scheduleId: closed.show.scheduleId }),
    );
    expect(await entryStatus(closedEntry.entry.id)).toBe("CLOSED");

    const cancelled = await soldOutShow(1, 1_000);
    const [offered, waiting] = await join(cancelled.show, [1, 1]);
    if (!offered || !waiting) throw new Error("no entries");
    await expect.poll(() => entryStatus(offered.entry.id), poll).toBe("OFFERED");
    await bed.prisma.$transaction((tx) =>
      cancelShow(tx, { scheduleId: cancelled.show.scheduleId, reason: "Storm." }),
    );
    expect(await entryStatus(waiting.entry.id)).toBe("CLOSED");
    const [offer] = await offersOf(offered.entry.id);
    expect(offer?.status).toBe("CANCELLED");
    await expect.poll(() => entryStatus(offered.entry.id), poll).toBe("PASSED");
    await expect.poll(() => cacheMismatches(cancelled.show.scheduleId), poll).toEqual([]);

    // The closed show's seat came back long since, and stayed free.
    await expect
      .poll(
        async () =>
          (
            await bed.prisma.seat.findFirstOrThrow({
              where: { scheduleId: closed.show.scheduleId },
            })
          ).status,
        poll,
      )
      .toBe("AVAILABLE");
    expect(await offersOf(closedEntry.entry.id)).toHaveLength(0);
  });
});
