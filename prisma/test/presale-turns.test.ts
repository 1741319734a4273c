import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  endPresaleTurn,
  giveBackEndedPresaleTurns,
  giveBackPresaleUseOfReservation,
  spendPresaleCode,
  type PrismaClient,
} from "../src/index";
import {
  expireHeldReservation,
  holdExpiryEventId,
  releaseHeldReservation,
  reviveLapsedReservation,
} from "../src/lifecycle";
import { Prisma } from "../src/generated/client";
import { endedPresaleTurnsSql } from "../src/presale/ended-presale-turns-sql";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { createBuyers, createOnSaleSchedule } from "./fixtures";

// A presale use belongs to the turn it paid for: holds made with the turn's token carry it,
// it is kept while one of them is live or bought, and comes back exactly once when the turn
// is over and every one of them ended unpaid, whichever of those two comes last.

interface Answer {
  reservation_id: string;
  outcome: string;
  max_seats: number | null;
}

describe("presale turns", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "presale_turns", maxConnections: 20 });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  /** A show on sale, a buyer, and a code spent for one turn of that buyer. */
  async function spentTurn({
    seats = 10,
    seatCap = null,
    useLimit = 1,
    turnEndsAt = new Date(Date.now() + 600_000),
  }: { seats?: number; seatCap?: number | null; useLimit?: number; turnEndsAt?: Date } = {}) {
    const [schedule] = await createOnSaleSchedule(prisma, { seats });
    const [userId] = await createBuyers(prisma, 1);
    if (!schedule || !userId) throw new Error("fixture incomplete");
    const { performanceId } = await prisma.schedule.findUniqueOrThrow({
      where: { id: schedule.scheduleId },
    });
    const code = await prisma.presaleCode.create({
      data: {
        performanceId,
        kind: useLimit === 1 ? "SINGLE" : "SHARED",
        codeHash: randomUUID().replaceAll("-", "").padEnd(64, "0"),
        hint: "TEST",
        useLimit,
        seatCap,
      },
    });
    const tokenId = randomUUID();
    const spent = await spendPresaleCode(prisma)({
      codeId: code.id,
      performanceId,
      userId,
      tokenId,
      turnEndsAt,
    });
    expect(spent).toBe("spent");
    const hold = (
      seatIds: string[],
      options: { token?: string | null; maxOpen?: number } = {},
    ) => ({
      reservation_id: randomUUID(),
      user_id: userId,
      performance_id: performanceId,
      schedule_id: schedule.scheduleId,
      seat_ids: seatIds,
      hold_expires_at: new Date(Date.now() + 300_000).toISOString(),
      now: new Date().toISOString(),
      max_open_holds: options.maxOpen ?? 5,
      presale_token_id: options.token === undefined ? tokenId : options.token,
    });
    const createHolds = async (holds: ReturnType<typeof hold>[]) =>
      prisma.$queryRaw<Answer[]>`SELECT * FROM create_holds(${JSON.stringify(holds)}::jsonb)`;
    const holdOne = async (seatIds: string[], options?: Parameters<typeof hold>[1]) => {
      const request = hold(seatIds, options);
      const [answer] = await createHolds([request]);
      if (!answer) throw new Error("no answer");
      return answer;
    };
    const use = () => prisma.presaleUse.findUniqueOrThrow({ where: { tokenId } });
    const uses = async () =>
      (await prisma.presaleCode.findUniqueOrThrow({ where: { id: code.id } })).uses;
    /** The queue reports this turn over, by its token. */
    const end = () => endPresaleTurn(prisma)({ performanceId, userId, tokenId });
    return {
      performanceId,
      scheduleId: schedule.scheduleId,
      seatIds: schedule.seatIds,
      userId,
      codeId: code.id,
      tokenId,
      request: hold,
      holdOne,
      createHolds,
      use,
      uses,
      end,
    };
  }

  /** A hold paid for: its payment completed and the hold confirmed. */
  async function buy(reservationId: string): Promise<void> {
    await prisma.payment.create({
      data: {
        reservationId,
        provider: "SIMULATED",
        providerPaymentId: randomUUID(),
        amountMinor: 5_000,
        currency: "EUR",
        status: "COMPLETED",
      },
    });
    await prisma.reservation.update({
      where: { id: reservationId },
      data: { status: "CONFIRMED", confirmedAt: new Date() },
    });
  }

  /** A hold's time ran out: it ends EXPIRED, as the worker's expiry ends it. */
  async function lapse(reservationId: string): Promise<void> {
    await prisma.reservation.update({
      where: { id: reservationId },
      data: { holdExpiresAt: new Date(Date.now() - 1_000) },
    });
    const { scheduleId } = await prisma.reservation.findUniqueOrThrow({
      where: { id: reservationId },
    });
    const expired = await prisma.$transaction((tx) =>
      expireHeldReservation(tx, {
        reservationId,
        scheduleId,
        eventId: holdExpiryEventId(reservationId),
      }),
    );
    expect(expired).toBe(true);
  }

  it("writes the turn on its holds, and not on holds of a token that paid for no turn", async () => {
    const turn = await spentTurn();
    const held = await turn.holdOne(turn.seatIds.slice(0, 1));
    expect(held.outcome).toBe("HELD");
    const other = await turn.holdOne(turn.seatIds.slice(1, 2), { token: randomUUID() });
    expect(other.outcome).toBe("HELD");
    const [mine, theirs] = await Promise.all(
      [held, other].map((answer) =>
        prisma.reservation.findUniqueOrThrow({ where: { id: answer.reservation_id } }),
      ),
    );
    expect(mine?.presaleUseId).toBe((await turn.use()).id);
    expect(theirs?.presaleUseId).toBeNull();
  });

  it("gives the use back when a hold that outlived its turn lapses unpaid", async () => {
    const turn = await spentTurn();
    const held = await turn.holdOne(turn.seatIds.slice(0, 2));
    expect(held.outcome).toBe("HELD");
    // The turn ends while the hold stands: the use is kept.
    expect(await turn.end()).toBe(0);
    expect(await turn.uses()).toBe(1);
    await lapse(held.reservation_id);
    expect(
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id }),
    ).toBe(true);
    expect(await turn.uses()).toBe(0);
    expect((await turn.use()).returnedAt).not.toBeNull();
    // Reported again: nothing more.
    expect(
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id }),
    ).toBe(false);
    expect(await turn.uses()).toBe(0);
  });

  it("spends the use again when a payment revives a hold whose lapse gave it back", async () => {
    const turn = await spentTurn();
    const held = await turn.holdOne(turn.seatIds.slice(0, 2));
    expect(held.outcome).toBe("HELD");
    await turn.end();
    await lapse(held.reservation_id);
    expect(
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id }),
    ).toBe(true);
    expect(await turn.uses()).toBe(0);
    // The buyer had paid in time; the payment lands now and the seats are still free.
    const revived = await prisma.$transaction((tx) =>
      reviveLapsedReservation(tx, {
        id: held.reservation_id,
        userId: turn.userId,
        scheduleId: turn.scheduleId,
        performanceId: turn.performanceId,
      }),
    );
    expect(revived).toBe(true);
    expect(await turn.uses()).toBe(1);
    expect((await turn.use()).returnedAt).toBeNull();
    // Bought: the turn keeps its use whatever is reported after.
    expect(
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id }),
    ).toBe(false);
    expect(await turn.uses()).toBe(1);
  });

  it("never lets a single-use code buy twice when a late payment revives a turn whose use went on", async () => {
    const first = await spentTurn();
    const held = await first.holdOne(first.seatIds.slice(0, 1));
    expect(held.outcome).toBe("HELD");
    const end = endPresaleTurn(prisma);
    await end({ performanceId: first.performanceId, userId: first.userId, tokenId: first.tokenId });
    await lapse(held.reservation_id);
    expect(
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id }),
    ).toBe(true);
    expect(await first.uses()).toBe(0);
    // The code comes back, and another buyer's turn spends it.
    const [second, third] = await createBuyers(prisma, 2);
    if (!second || !third) throw new Error("fixture incomplete");
    const spend = spendPresaleCode(prisma);
    const secondToken = randomUUID();
    const spendAs = (userId: string, tokenId: string) =>
      spend({
        codeId: first.codeId,
        performanceId: first.performanceId,
        userId,
        tokenId,
        turnEndsAt: new Date(Date.now() + 600_000),
      });
    expect(await spendAs(second, secondToken)).toBe("spent");
    // The first buyer's payment lands late: the money is taken, so the hold is sold and
    // its use is out again, beside the second buyer's.
    expect(
      await prisma.$transaction((tx) =>
        reviveLapsedReservation(tx, {
          id: held.reservation_id,
          userId: first.userId,
          scheduleId: first.scheduleId,
          performanceId: first.performanceId,
        }),
      ),
    ).toBe(true);
    expect(await first.uses()).toBe(1);
    // The second turn ends with nothing bought: its use comes back, yet the first buyer's
    // use is still spent, so the code has none to give.
    expect(
      await end({ performanceId: first.performanceId, userId: second, tokenId: secondToken }),
    ).toBe(1);
    expect(await first.uses()).toBe(1);
    expect(await spendAs(third, randomUUID())).toBe("used_up");
  });

  it("counts every use given back when give-backs of one code race", async () => {
    const turns = 6;
    const first = await spentTurn({ useLimit: turns });
    const others = await createBuyers(prisma, turns - 1);
    const spend = spendPresaleCode(prisma);
    const ended = [{ userId: first.userId, tokenId: first.tokenId }];
    for (const userId of others) {
      const tokenId = randomUUID();
      expect(
        await spend({
          codeId: first.codeId,
          performanceId: first.performanceId,
          userId,
          tokenId,
          turnEndsAt: new Date(Date.now() + 600_000),
        }),
      ).toBe("spent");
      ended.push({ userId, tokenId });
    }
    expect(await first.uses()).toBe(turns);
    const end = endPresaleTurn(prisma);
    const returned = await Promise.all(
      ended.map((turn) => end({ performanceId: first.performanceId, ...turn })),
    );
    expect(returned.reduce((sum, count) => sum + count, 0)).toBe(turns);
    expect(await first.uses()).toBe(0);
  });

  it("gives the use back when the buyer releases the last hold of an ended turn", async () => {
    const turn = await spentTurn();
    const held = await turn.holdOne(turn.seatIds.slice(0, 1));
    await turn.end();
    const released = await prisma.$transaction((tx) =>
      releaseHeldReservation(tx, {
        reservationId: held.reservation_id,
        userId: turn.userId,
        scheduleId: turn.scheduleId,
      }),
    );
    expect(released).toBe(true);
    expect(
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id }),
    ).toBe(true);
    expect(await turn.uses()).toBe(0);
  });

  it("keeps the use while a hold of the turn is live or bought, whatever else the buyer holds", async () => {
    const turn = await spentTurn();
    const bought = await turn.holdOne(turn.seatIds.slice(0, 1));
    // A hold of another turn (or a waitlist offer) does not keep this turn's use.
    const unrelated = await turn.holdOne(turn.seatIds.slice(1, 2), { token: null });
    expect(unrelated.outcome).toBe("HELD");
    await buy(bought.reservation_id);
    expect(await turn.end()).toBe(0);
    expect(await turn.uses()).toBe(1);
    // And without the unrelated hold's help: an unbought turn with only unrelated live
    // holds gets its use back.
    const second = await spentTurn();
    expect((await second.holdOne(second.seatIds.slice(0, 1), { token: null })).outcome).toBe(
      "HELD",
    );
    expect(await second.end()).toBe(1);
    expect(await second.uses()).toBe(0);
  });

  it("never gives back a later turn's use on a late report of an earlier turn's lapse", async () => {
    const first = await spentTurn({ useLimit: 2, turnEndsAt: new Date(Date.now() - 1_000) });
    // The same buyer's next turn, on the same code, still running.
    const nextToken = randomUUID();
    expect(
      await spendPresaleCode(prisma)({
        codeId: first.codeId,
        performanceId: first.performanceId,
        userId: first.userId,
        tokenId: nextToken,
        turnEndsAt: new Date(Date.now() + 600_000),
      }),
    ).toBe("spent");
    expect(await first.uses()).toBe(2);
    // The lapse of the first turn, reported without its token (Redis no longer knows it).
    const end = endPresaleTurn(prisma);
    const reports = await Promise.all(
      Array.from({ length: 3 }, () =>
        end({ performanceId: first.performanceId, userId: first.userId }),
      ),
    );
    expect(reports.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(await first.uses()).toBe(1);
    const next = await prisma.presaleUse.findUniqueOrThrow({ where: { tokenId: nextToken } });
    expect(next.returnedAt).toBeNull();
  });

  it("gives back exactly once when the turn's end races its last hold's lapse", async () => {
    for (let round = 0; round < 8; round += 1) {
      const turn = await spentTurn({ seats: 4 });
      const held = await turn.holdOne(turn.seatIds.slice(0, 2));
      expect(held.outcome).toBe("HELD");
      await prisma.reservation.update({
        where: { id: held.reservation_id },
        data: { holdExpiresAt: new Date(Date.now() - 1_000) },
      });
      const [ended, lapsed] = await Promise.all([
        turn.end(),
        (async () => {
          await prisma.$transaction((tx) =>
            expireHeldReservation(tx, {
              reservationId: held.reservation_id,
              scheduleId: turn.scheduleId,
              eventId: holdExpiryEventId(held.reservation_id),
            }),
          );
          return giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id });
        })(),
      ]);
      // Exactly one of the two gave it back, whichever came last.
      expect(ended + (lapsed ? 1 : 0)).toBe(1);
      expect(await turn.uses()).toBe(0);
      // Redelivered reports of both, and the worker's sweep: nothing more.
      await turn.end();
      await giveBackPresaleUseOfReservation(prisma, { reservationId: held.reservation_id });
      await giveBackEndedPresaleTurns(prisma);
      expect(await turn.uses()).toBe(0);
    }
  });

  it("never gives back a use under a hold written as the turn ends", async () => {
    for (let round = 0; round < 8; round += 1) {
      const turn = await spentTurn({ seats: 4 });
      const [answer, ended] = await Promise.all([
        turn.holdOne(turn.seatIds.slice(0, 1)),
        turn.end(),
      ]);
      // Either the hold came first and keeps the use, or the use came back first and the
      // hold is refused: never a hold under a returned use.
      if (answer.outcome === "HELD") {
        expect(ended).toBe(0);
        expect(await turn.uses()).toBe(1);
      } else {
        expect(answer.outcome).toBe("PRESALE_TURN_OVER");
        expect(ended).toBe(1);
        expect(await turn.uses()).toBe(0);
      }
    }
  });

  it("keeps a turn's holds and purchases within its code's seat cap, however the requests race", async () => {
    const turn = await spentTurn({ seats: 12, seatCap: 4 });
    // Six requests of two seats each, at once, each its own batch.
    const answers = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((index) =>
        turn.holdOne(turn.seatIds.slice(index * 2, index * 2 + 2), { maxOpen: 10 }),
      ),
    );
    const held = answers.filter((answer) => answer.outcome === "HELD");
    expect(held).toHaveLength(2);
    for (const refused of answers.filter((answer) => answer.outcome !== "HELD")) {
      expect(refused).toMatchObject({ outcome: "PRESALE_SEAT_CAP", max_seats: 4 });
    }
    // In one batch too.
    const again = await spentTurn({ seats: 12, seatCap: 3 });
    const batch = await again.createHolds(
      [0, 1, 2].map((index) =>
        again.request(again.seatIds.slice(index * 2, index * 2 + 2), { maxOpen: 10 }),
      ),
    );
    expect(batch.filter((answer) => answer.outcome === "HELD")).toHaveLength(1);
    // An ended unpaid hold no longer counts. Seats of a refused request are surely free
    // (whichever two requests won the race hold theirs).
    const [first] = held;
    const refusedIndex = answers.findIndex((answer) => answer.outcome !== "HELD");
    if (!first || refusedIndex < 0) throw new Error("no hold");
    await lapse(first.reservation_id);
    const after = await turn.holdOne(turn.seatIds.slice(refusedIndex * 2, refusedIndex * 2 + 2), {
      maxOpen: 10,
    });
    expect(after.outcome).toBe("HELD");
  });

  describe("the worker's sweep of ended turns", () => {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

    /** A turn that bought a seat, its payment in and the hold confirmed. */
    async function boughtTurn() {
      const turn = await spentTurn();
      const held = await turn.holdOne(turn.seatIds.slice(0, 1));
      expect(held.outcome).toBe("HELD");
      await buy(held.reservation_id);
      return { turn, reservationId: held.reservation_id };
    }

    it("gives back a turn that ended hours ago unreported, and never one that bought", async () => {
      // The worker was down longer than any window: nobody reported either turn's end.
      const lost = await spentTurn({ turnEndsAt: hoursAgo(2) });
      const { turn: bought, reservationId } = await boughtTurn();
      await prisma.presaleUse.update({
        where: { tokenId: bought.tokenId },
        data: { turnEndsAt: hoursAgo(2) },
      });
      expect([await lost.uses(), await bought.uses()]).toEqual([1, 1]);

      await giveBackEndedPresaleTurns(prisma);
      expect(await lost.uses()).toBe(0);
      expect((await lost.use()).returnedAt).not.toBeNull();
      // Bought: kept for good, and out of the sweep's reach from now on.
      expect(await bought.uses()).toBe(1);
      expect((await bought.use()).keptAt).not.toBeNull();

      // Even once its order is refunded (a bought turn's use is never given back), and
      // however often the sweep runs.
      await prisma.reservation.update({
        where: { id: reservationId },
        data: { status: "CANCELLED" },
      });
      for (let sweep = 0; sweep < 3; sweep += 1) await giveBackEndedPresaleTurns(prisma);
      expect([await lost.uses(), await bought.uses()]).toEqual([0, 1]);
      expect((await bought.use()).returnedAt).toBeNull();
    });

    it("reads the ended turns through the partial index of unsettled uses", async () => {
      // Many uses settled long ago beside a few still out: the sweep must not read them all.
      const turn = await spentTurn({ turnEndsAt: hoursAgo(3) });
      await prisma.$executeRaw`
        INSERT INTO presale_uses
               (id, code_id, performance_id, user_id, token_id, turn_ends_at, returned_at)
        SELECT gen_random_uuid(), ${turn.codeId}::uuid, ${turn.performanceId}::uuid,
               ${turn.userId}::uuid, 'settled-' || ${turn.tokenId} || '-' || n,
               now() - make_interval(hours => 4), now() - make_interval(hours => 4)
          FROM generate_series(1, 20000) AS n`;
      await prisma.$executeRawUnsafe("ANALYZE presale_uses");
      await prisma.$executeRawUnsafe("ANALYZE reservations");
      const [plan] = await prisma.$queryRaw<{ "QUERY PLAN": unknown }[]>(
        Prisma.sql`EXPLAIN (FORMAT JSON) ${endedPresaleTurnsSql({ limit: 200 })}`,
      );
      // Every read of presale_uses in the plan, as [node type, index].
      const reads: [unknown, unknown][] = [];
      const visit = (node: unknown) => {
        if (typeof node !== "object" || node === null) return;
        const fields = node as Record<string, unknown>;
        if (fields["Relation Name"] === "presale_uses") {
          reads.push([fields["Node Type"], fields["Index Name"]]);
        }
        for (const value of Object.values(fields)) {
          for (const child of Array.isArray(value) ? value : [value]) visit(child);
        }
      };
      visit(plan?.["QUERY PLAN"]);
      expect(reads).toHaveLength(1);
      expect(reads[0]?.[1]).toBe("presale_uses_unsettled_turn_ends_at_idx");
      // And it finds the one still out.
      expect(await giveBackEndedPresaleTurns(prisma)).toBeGreaterThanOrEqual(1);
      expect(await turn.uses()).toBe(0);
    });
  });
});
