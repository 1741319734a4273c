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
