import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { createBuyers, createOnSaleSchedule } from "./fixtures";

interface Hold {
  reservation_id: string;
  user_id: string;
  performance_id: string;
  schedule_id: string;
  seat_ids: string[];
  hold_expires_at: string;
  now: string;
  max_open_holds: number;
}

interface Answer {
  reservation_id: string;
  outcome: string;
  amount_minor: number;
  taken_seat_ids: string[] | null;
  error_code: string | null;
}

/** The batched hold function the web app calls (migration create_holds_batch_function). */
describe("create_holds writes many holds in one statement, each on its own", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "create_holds", maxConnections: 20 });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  async function showWithSeats(seats: number) {
    const [schedule] = await createOnSaleSchedule(prisma, { seats });
    if (!schedule) throw new Error("fixture incomplete");
    const { performanceId } = await prisma.schedule.findUniqueOrThrow({
      where: { id: schedule.scheduleId },
    });
    const hold = (userId: string, seatIds: string[], maxOpenHolds = 1): Hold => ({
      reservation_id: randomUUID(),
      user_id: userId,
      performance_id: performanceId,
      schedule_id: schedule.scheduleId,
      seat_ids: seatIds,
      hold_expires_at: new Date(Date.now() + 300_000).toISOString(),
      now: new Date().toISOString(),
      max_open_holds: maxOpenHolds,
    });
    return { scheduleId: schedule.scheduleId, seatIds: schedule.seatIds, hold };
  }

  const createHolds = (holds: Hold[]) =>
    prisma.$queryRaw<Answer[]>`SELECT * FROM create_holds(${JSON.stringify(holds)}::jsonb)`;

  /** Runs `query` in a transaction that is rolled back, and gives its answers. */
  async function answersRolledBack(query: (tx: PrismaClient) => Promise<Answer[]>) {
    let answers: Answer[] = [];
    const rollback = new Error("rollback");
    await prisma
      .$transaction(async (tx) => {
        answers = await query(tx as PrismaClient);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    return answers.sort((a, b) => a.reservation_id.localeCompare(b.reservation_id));
  }

  it("writes a batch of one hold per buyer together, with create_hold's answers", async () => {
    const { scheduleId, seatIds, hold } = await showWithSeats(12);
    const seat = (n: number) => seatIds[n - 1] ?? "";
    const buyers = (await createBuyers(prisma, 7)) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const [ann, ben, cat, dan, eve, fay, gus] = buyers;
    // Committed before the batch: eve holds seat 10, fay already has her one open hold.
    await createHolds([hold(eve, [seat(10)]), hold(fay, [seat(11)])]);
    const batch = [
      hold(ann, [seat(1), seat(2)]), // HELD, two seats at 5,000
      { ...hold(ben, [seat(3)]), now: new Date(Date.now() - 7_200_000).toISOString() }, // before the sale
      hold(cat, [4, 5, 6, 7, 8].map(seat)), // over the performance's 4 seats per reservation
      hold(dan, [randomUUID()]), // not a seat of this show
      hold(gus, [seat(10)]), // eve's
      hold(fay, [seat(12)]), // over fay's limit of 1
    ];
    const payload = JSON.stringify(batch);

    const together = await answersRolledBack(
      (tx) => tx.$queryRaw<Answer[]>`SELECT * FROM create_holds_together(${payload}::jsonb)`,
    );
    // The reference: create_hold once per hold, as the fallback runs it.
    const oneByOne = await answersRolledBack(
      (tx) => tx.$queryRaw<Answer[]>`
        SELECT h.reservation_id, r.*, NULL::text AS error_code
          FROM jsonb_to_recordset(${payload}::jsonb) AS h(
                 reservation_id uuid, user_id uuid, performance_id uuid, schedule_id uuid,
                 seat_ids uuid[], hold_expires_at timestamptz, now timestamptz,
                 max_open_holds integer)
         CROSS JOIN LATERAL create_hold(h.reservation_id, h.user_id, h.performance_id,
                 h.schedule_id, h.seat_ids, h.hold_expires_at, h.now, h.max_open_holds) AS r`,
    );
    expect(together).toEqual(oneByOne);
    const outcomes = Object.fromEntries(together.map((answer) => [answer.reservation_id, answer]));
    const [annHold, benHold, catHold, danHold, gusHold, fayHold] = batch.map(
      (each) => outcomes[each.reservation_id],
    );
    expect(annHold).toMatchObject({ outcome: "HELD", amount_minor: 10_000, currency: "EUR" });
    expect(benHold).toMatchObject({ outcome: "SALE_CLOSED", amount_minor: 0 });
    expect(catHold).toMatchObject({ outcome: "TOO_MANY_SEATS", max_seats: 4 });
    expect(danHold).toMatchObject({ outcome: "UNKNOWN_SEATS" });
    expect(gusHold).toMatchObject({ outcome: "SEAT_TAKEN", taken_seat_ids: [seat(10)] });
    expect(fayHold).toMatchObject({ outcome: "OPEN_HOLDS" });

    // And for real, through create_holds: only ann's hold is written.
    const answers = await createHolds(batch);
    expect(answers.sort((a, b) => a.reservation_id.localeCompare(b.reservation_id))).toEqual(
      together,
    );
    const written = await prisma.reservation.findMany({
      where: { scheduleId, userId: { in: [ann, ben, cat, dan, gus] } },
      include: { seats: true },
    });
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ userId: ann, status: "PENDING", amountMinor: 10_000 });
    expect(written[0]?.seats.map((s) => s.seatId).sort()).toEqual([seat(1), seat(2)].sort());
    expect(await prisma.seat.count({ where: { scheduleId, status: "HELD" } })).toBe(4);
  });

  it("leaves batches with a buyer twice or a seat twice to the one-by-one path", async () => {
    const { seatIds, hold } = await showWithSeats(3);
    const [s1, s2, s3] = seatIds as [string, string, string];
    const [ann, ben] = (await createBuyers(prisma, 2)) as [string, string];
    const refusedTogether = async (batch: Hold[]) => {
      await expect(
        prisma.$queryRaw`SELECT * FROM create_holds_together(${JSON.stringify(batch)}::jsonb)`,
      ).rejects.toThrow(/one at a time/);
    };
    await refusedTogether([hold(ann, [s1], 2), hold(ann, [s2], 2)]);
    await refusedTogether([hold(ann, [s1]), hold(ben, [s1])]);
    await refusedTogether([hold(ann, [s3, s3])]);
    expect(await prisma.reservation.count({ where: { userId: { in: [ann, ben] } } })).toBe(0);
  });

  it("falls back to one hold at a time when a batch fails as a whole", async () => {
    const { seatIds, hold } = await showWithSeats(3);
    const [s1, s2, s3] = seatIds as [string, string, string];
    const [ann, ben] = (await createBuyers(prisma, 2)) as [string, string];
    const batch = {
      ann: hold(ann, [s1]),
      ben: hold(ben, [s2]),
      stranger: hold(randomUUID(), [s3]), // no such user: the batch's insert fails
    };
    const answers = await createHolds(Object.values(batch));
    const outcomeOf = (name: keyof typeof batch) =>
      answers.find((answer) => answer.reservation_id === batch[name].reservation_id);
    expect(outcomeOf("ann")?.outcome).toBe("HELD");
    expect(outcomeOf("ben")?.outcome).toBe("HELD");
    expect(outcomeOf("stranger")).toMatchObject({ outcome: "ERROR", error_code: "23503" });
    expect(await prisma.reservation.count({ where: { userId: { in: [ann, ben] } } })).toBe(2);
  });

  it("answers every hold of a mixed batch and writes only the held ones", async () => {
    const { scheduleId, seatIds, hold } = await showWithSeats(4);
    const [s1, s2, s3, s4] = seatIds as [string, string, string, string];
    const [alice, bob, carol, dave] = (await createBuyers(prisma, 4)) as [
      string,
      string,
      string,
      string,
    ];
    const holds = {
      alice: hold(alice, [s1]),
      bob: hold(bob, [s1]), // the same seat: one of alice and bob gets it
      carolFirst: hold(carol, [s2]),
      carolSecond: hold(carol, [s3]), // over carol's open-hold limit of 1
      dave: hold(dave, [randomUUID()]), // not a seat of this show
      stranger: hold(randomUUID(), [s4]), // no such user: a foreign-key error
    };
    const answers = await createHolds(Object.values(holds));
    const outcomeOf = (name: keyof typeof holds) =>
      answers.find((answer) => answer.reservation_id === holds[name].reservation_id);

    expect(answers).toHaveLength(6);
    expect([outcomeOf("alice")?.outcome, outcomeOf("bob")?.outcome].sort()).toEqual([
      "HELD",
      "SEAT_TAKEN",
    ]);
    expect([outcomeOf("carolFirst")?.outcome, outcomeOf("carolSecond")?.outcome].sort()).toEqual([
      "HELD",
      "OPEN_HOLDS",
    ]);
    expect(outcomeOf("dave")?.outcome).toBe("UNKNOWN_SEATS");
    expect(outcomeOf("stranger")).toMatchObject({ outcome: "ERROR", error_code: "23503" });

    const written = await prisma.reservation.findMany({
      where: { scheduleId },
      include: { seats: true },
    });
    const heldIds = answers.filter((a) => a.outcome === "HELD").map((a) => a.reservation_id);
    expect(written.map((reservation) => reservation.id).sort()).toEqual(heldIds.sort());
    expect(written.every((reservation) => reservation.status === "PENDING")).toBe(true);
    const heldSeats = written.flatMap((reservation) => reservation.seats.map((s) => s.seatId));
    expect(heldSeats).toContain(s1);
    expect(heldSeats).not.toContain(s4);
    expect(await prisma.seat.findUniqueOrThrow({ where: { id: s4 } })).toMatchObject({
      status: "AVAILABLE",
    });
  });

  it("runs batches of the same buyers at once without deadlocking", async () => {
    const seatsPerBatch = 10;
    const batches = 20;
    const buyers = await createBuyers(prisma, seatsPerBatch);
    const { scheduleId, seatIds, hold } = await showWithSeats(seatsPerBatch * batches);
    // Every batch holds one seat for each buyer, listed in a different order, so without
    // a common lock order two batches would wait on each other's buyers.
    const answers = await Promise.all(
      Array.from({ length: batches }, (_, batch) => {
        const order = [...buyers].sort(() => Math.random() - 0.5);
        return createHolds(
          order.map((userId, index) =>
            hold(userId, [seatIds[batch * seatsPerBatch + index] ?? ""], batches),
          ),
        );
      }),
    );
    const outcomes = answers.flat().map((answer) => answer.outcome);
    expect(outcomes).toHaveLength(seatsPerBatch * batches);
    expect(new Set(outcomes)).toEqual(new Set(["HELD"]));
    expect(await prisma.reservation.count({ where: { scheduleId } })).toBe(seatsPerBatch * batches);
  });
});
