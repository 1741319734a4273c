import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSeatAlreadyHeld, type PrismaClient } from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { createBuyers, createOnSaleSchedule, holdSeats } from "./fixtures";

/** Migration held_back_seats: a seat the organizer held back takes no live reservation. */
describe("the database refuses to hold or sell a held-back seat", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "held_back", maxConnections: 10 });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  async function show(seats: number) {
    const [schedule] = await createOnSaleSchedule(prisma, { seats });
    if (!schedule) throw new Error("fixture incomplete");
    const { performanceId } = await prisma.schedule.findUniqueOrThrow({
      where: { id: schedule.scheduleId },
    });
    return { ...schedule, performanceId };
  }

  const holdBack = (seatId: string, at: Date | null = new Date()) =>
    prisma.seat.update({ where: { id: seatId }, data: { heldBackAt: at } });

  const activeRows = (seatId: string) =>
    prisma.reservationSeat.count({ where: { seatId, active: true } });

  it("refuses a hold of it as a double sale, takes one again once released", async () => {
    const { scheduleId, seatIds } = await show(2);
    const [seatId, other] = seatIds as [string, string];
    const [buyer] = (await createBuyers(prisma, 1)) as [string];
    await holdBack(seatId);

    // All or nothing: the free seat beside it is not held either.
    await expect(
      holdSeats(prisma, { userId: buyer, scheduleId, seatIds: [other, seatId] }),
    ).rejects.toSatisfy(isSeatAlreadyHeld);
    expect([await activeRows(seatId), await activeRows(other)]).toEqual([0, 0]);
    expect((await prisma.seat.findUniqueOrThrow({ where: { id: seatId } })).status).toBe(
      "AVAILABLE",
    );

    await holdBack(seatId, null);
    await holdSeats(prisma, { userId: buyer, scheduleId, seatIds: [seatId] });
    expect(await activeRows(seatId)).toBe(1);
  });

  it("answers SEAT_TAKEN from create_holds, the batch's other holds standing", async () => {
    const { scheduleId, seatIds, performanceId } = await show(2);
    const [kept, free] = seatIds as [string, string];
    const [ann, ben] = (await createBuyers(prisma, 2)) as [string, string];
    await holdBack(kept);
    const hold = (userId: string, seatId: string) => ({
      reservation_id: randomUUID(),
      user_id: userId,
      performance_id: performanceId,
      schedule_id: scheduleId,
      seat_ids: [seatId],
      hold_expires_at: new Date(Date.now() + 300_000).toISOString(),
      now: new Date().toISOString(),
      max_open_holds: 1,
    });
    const batch = [hold(ann, kept), hold(ben, free)];
    const answers = await prisma.$queryRaw<{ reservation_id: string; outcome: string }[]>`
      SELECT * FROM create_holds(${JSON.stringify(batch)}::jsonb)`;
    const outcomeOf = (index: number) =>
      answers.find((answer) => answer.reservation_id === batch[index]?.reservation_id)?.outcome;
    expect([outcomeOf(0), outcomeOf(1)]).toEqual(["SEAT_TAKEN", "HELD"]);
    expect([await activeRows(kept), await activeRows(free)]).toEqual([0, 1]);
  });

  it("never sells it to a lapsed hold's late payment", async () => {
    const { scheduleId, seatIds } = await show(1);
    const [seatId] = seatIds as [string];
    const [buyer] = (await createBuyers(prisma, 1)) as [string];
    const lapsed = await holdSeats(prisma, { userId: buyer, scheduleId, seatIds: [seatId] });
    await prisma.reservation.update({ where: { id: lapsed.id }, data: { status: "EXPIRED" } });
    await holdBack(seatId);

    const [row] = await prisma.$queryRaw<{ revived: boolean }[]>`
      SELECT revive_paid_reservation(${lapsed.id}::uuid) AS revived`;
    expect(row?.revived).toBe(false);
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe(
      "EXPIRED",
    );
    expect(await activeRows(seatId)).toBe(0);
  });
});
