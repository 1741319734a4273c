import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isIntegrityRuleViolation,
  isPaidHoldRefusal,
  isSeatAlreadyHeld,
  type PrismaClient,
} from "../src/index";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { createBuyers, createOnSaleSchedule, holdSeats } from "./fixtures";

const RACERS = 50;

describe("the database makes a double sale impossible", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "double_sale", maxConnections: 25 });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  async function seatState(seatId: string) {
    const seat = await prisma.seat.findUniqueOrThrow({ where: { id: seatId } });
    const activeHolds = await prisma.reservationSeat.count({ where: { seatId, active: true } });
    return { status: seat.status, activeHolds };
  }

  /** RACERS buyers try to hold one seat at once, each in its own transaction. */
  async function race() {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 1 });
    const seatId = schedule?.seatIds[0];
    if (!schedule || !seatId) throw new Error("fixture incomplete");
    const buyers = await createBuyers(prisma, RACERS);
    const results = await Promise.allSettled(
      buyers.map((userId) =>
        prisma.$transaction(async (tx) => {
          const reservation = await holdSeats(tx, {
            userId,
            scheduleId: schedule.scheduleId,
            seatIds: [seatId],
          });
          // Stay open a moment so rivals queue up on the unique index behind us.
          await tx.$executeRaw`SELECT pg_sleep(0.02)`;
          return reservation;
        }),
      ),
    );
    return { seatId, results };
  }

  it(`lets exactly one of ${RACERS} concurrent transactions hold the same seat`, async () => {
    const { seatId, results } = await race();

    const winners = results.filter((result) => result.status === "fulfilled");
    const losers = results.flatMap((result): unknown[] =>
      result.status === "rejected" ? [result.reason] : [],
    );
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(RACERS - 1);
    for (const reason of losers) expect(isSeatAlreadyHeld(reason)).toBe(true);
    expect(await seatState(seatId)).toEqual({ status: "HELD", activeHolds: 1 });
    expect(await prisma.reservation.count({ where: { seats: { some: { seatId } } } })).toBe(1);
  });

  it("frees the seats of an EXPIRED or CANCELLED reservation for the next buyer", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 1 });
    const seatId = schedule?.seatIds[0];
    if (!schedule || !seatId) throw new Error("fixture incomplete");
    const [first, second, third, fourth] = await createBuyers(prisma, 4);
    if (!first || !second || !third || !fourth) throw new Error("no buyers");
    const hold = { scheduleId: schedule.scheduleId, seatIds: [seatId] };

    const expired = await holdSeats(prisma, { userId: first, ...hold });
    await expect(holdSeats(prisma, { userId: second, ...hold })).rejects.toSatisfy(
      isSeatAlreadyHeld,
    );
    await prisma.reservation.update({ where: { id: expired.id }, data: { status: "EXPIRED" } });
    expect(await seatState(seatId)).toEqual({ status: "AVAILABLE", activeHolds: 0 });

    const cancelled = await holdSeats(prisma, { userId: second, ...hold });
    expect(await seatState(seatId)).toEqual({ status: "HELD", activeHolds: 1 });
    await prisma.reservation.update({ where: { id: cancelled.id }, data: { status: "CANCELLED" } });

    const confirmed = await holdSeats(prisma, { userId: third, ...hold });
    await prisma.reservation.update({ where: { id: confirmed.id }, data: { status: "CONFIRMED" } });
    expect(await seatState(seatId)).toEqual({ status: "SOLD", activeHolds: 1 });
    await expect(holdSeats(prisma, { userId: fourth, ...hold })).rejects.toSatisfy(
      isSeatAlreadyHeld,
    );

    // History stays: three past reservations of the seat, one live.
    expect(await prisma.reservationSeat.count({ where: { seatId } })).toBe(3);
    const stamps = await prisma.reservation.findUniqueOrThrow({ where: { id: confirmed.id } });
    expect(stamps.confirmedAt).toBeInstanceOf(Date);
    const closed = await prisma.reservation.findUniqueOrThrow({ where: { id: expired.id } });
    expect(closed.closedAt).toBeInstanceOf(Date);
  });

  it("never lets a released reservation take its seats back", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 1 });
    const seatId = schedule?.seatIds[0];
    const [buyer] = await createBuyers(prisma, 1);
    if (!schedule || !seatId || !buyer) throw new Error("fixture incomplete");
    const reservation = await holdSeats(prisma, {
      userId: buyer,
      scheduleId: schedule.scheduleId,
      seatIds: [seatId],
    });
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { status: "CANCELLED" },
    });

    // Released by the buyer: a payment arriving later must not confirm it, free seat or not.
    await expect(
      prisma.reservation.update({ where: { id: reservation.id }, data: { status: "CONFIRMED" } }),
    ).rejects.toSatisfy(isIntegrityRuleViolation);
    await expect(
      prisma.reservation.update({ where: { id: reservation.id }, data: { status: "PENDING" } }),
    ).rejects.toSatisfy(isIntegrityRuleViolation);
    // Moving between released states (e.g. to REFUNDED after refunding it) is fine.
    await prisma.reservation.update({
      where: { id: reservation.id },
      data: { status: "REFUNDED" },
    });
    expect(await seatState(seatId)).toEqual({ status: "AVAILABLE", activeHolds: 0 });
  });

  it("sells a lapsed hold to its late payment only while every seat is still free", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 2 });
    const [free, taken] = schedule?.seatIds ?? [];
    const [late, other, third] = await createBuyers(prisma, 3);
    if (!schedule || !free || !taken || !late || !other || !third) {
      throw new Error("fixture incomplete");
    }
    const revive = async (reservationId: string) => {
      const [row] = await prisma.$queryRaw<{ revived: boolean }[]>`
        SELECT revive_paid_reservation(${reservationId}::uuid) AS revived`;
      return row?.revived;
    };
    const lapse = async (seatIds: string[], userId: string) => {
      const reservation = await holdSeats(prisma, {
        userId,
        scheduleId: schedule.scheduleId,
        seatIds,
      });
      await prisma.reservation.update({
        where: { id: reservation.id },
        data: { status: "EXPIRED" },
      });
      return reservation;
    };

    const stillFree = await lapse([free], late);
    expect(await revive(stillFree.id)).toBe(true);
    expect(await seatState(free)).toEqual({ status: "SOLD", activeHolds: 1 });
    const sold = await prisma.reservation.findUniqueOrThrow({ where: { id: stillFree.id } });
    expect(sold).toMatchObject({ status: "CONFIRMED", closedAt: null });

    // The seat went to another buyer meanwhile: nothing changes, and nothing is sold twice.
    const gone = await lapse([taken], other);
    const newHolder = await holdSeats(prisma, {
      userId: third,
      scheduleId: schedule.scheduleId,
      seatIds: [taken],
    });
    expect(await revive(gone.id)).toBe(false);
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: gone.id } })).status).toBe(
      "EXPIRED",
    );
    expect(await seatState(taken)).toEqual({ status: "HELD", activeHolds: 1 });
    const holder = await prisma.reservationSeat.findFirstOrThrow({
      where: { seatId: taken, active: true },
    });
    expect(holder.reservationId).toBe(newHolder.id);
  });

  it("never ends a hold with a completed payment other than by confirming or refunding it", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 1 });
    const seatId = schedule?.seatIds[0];
    const [buyer] = await createBuyers(prisma, 1);
    if (!schedule || !seatId || !buyer) throw new Error("fixture incomplete");
    const reservation = await holdSeats(prisma, {
      userId: buyer,
      scheduleId: schedule.scheduleId,
      seatIds: [seatId],
    });
    const payment = await prisma.payment.create({
      data: {
        reservationId: reservation.id,
        provider: "SIMULATED",
        providerSessionId: `cs_sim_${reservation.id.replaceAll("-", "")}`,
        providerPaymentId: `pi_sim_${reservation.id.replaceAll("-", "")}`,
        amountMinor: 5_000,
        currency: "EUR",
        status: "COMPLETED",
      },
    });

    for (const status of ["EXPIRED", "FAILED", "CANCELLED"] as const) {
      const refused = await prisma.reservation
        .update({ where: { id: reservation.id }, data: { status } })
        .catch((error: unknown) => error);
      expect(isPaidHoldRefusal(refused)).toBe(true);
    }
    expect(await seatState(seatId)).toEqual({ status: "HELD", activeHolds: 1 });

    // A failed payment does not count: only a completed one keeps the hold.
    await prisma.payment.update({ where: { id: payment.id }, data: { status: "FAILED" } });
    await prisma.reservation.update({ where: { id: reservation.id }, data: { status: "EXPIRED" } });
    expect(await seatState(seatId)).toEqual({ status: "AVAILABLE", activeHolds: 0 });
  });

  it("an expiry racing a payment being recorded (as the webhook locks it) waits, then keeps the hold", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 1 });
    const seatId = schedule?.seatIds[0];
    const [buyer] = await createBuyers(prisma, 1);
    if (!schedule || !seatId || !buyer) throw new Error("fixture incomplete");
    const reservation = await holdSeats(prisma, {
      userId: buyer,
      scheduleId: schedule.scheduleId,
      seatIds: [seatId],
    });
    let recordPayment: () => void = () => undefined;
    const paymentMayCommit = new Promise<void>((resolve) => {
      recordPayment = resolve;
    });
    let locked: () => void = () => undefined;
    const rowLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const webhook = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM reservations WHERE id = ${reservation.id}::uuid FOR NO KEY UPDATE`;
      await tx.payment.create({
        data: {
          reservationId: reservation.id,
          provider: "SIMULATED",
          providerSessionId: `cs_sim_race_${reservation.id}`,
          providerPaymentId: `pi_sim_race_${reservation.id}`,
          amountMinor: 5_000,
          currency: "EUR",
          status: "COMPLETED",
        },
      });
      locked();
      await paymentMayCommit;
    });
    await rowLocked;
    const expiry = prisma.reservation
      .update({ where: { id: reservation.id }, data: { status: "EXPIRED" } })
      .then(
        () => "expired",
        (error: unknown) => (isPaidHoldRefusal(error) ? "refused" : error),
      );
    // The expiry is waiting for the row, not done.
    const early = await Promise.race([
      expiry,
      new Promise((resolve) =>
        setTimeout(() => {
          resolve("waiting");
        }, 300),
      ),
    ]);
    expect(early).toBe("waiting");
    recordPayment();
    await webhook;
    expect(await expiry).toBe("refused");
    expect(await seatState(seatId)).toEqual({ status: "HELD", activeHolds: 1 });
  });

  it("holds several seats all or nothing", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 3 });
    const [a, b, c] = schedule?.seatIds ?? [];
    const [first, second] = await createBuyers(prisma, 2);
    if (!schedule || !a || !b || !c || !first || !second) throw new Error("fixture incomplete");

    await holdSeats(prisma, { userId: first, scheduleId: schedule.scheduleId, seatIds: [b] });
    await expect(
      holdSeats(prisma, { userId: second, scheduleId: schedule.scheduleId, seatIds: [a, b, c] }),
    ).rejects.toSatisfy(isSeatAlreadyHeld);

    expect(await seatState(a)).toEqual({ status: "AVAILABLE", activeHolds: 0 });
    expect(await seatState(c)).toEqual({ status: "AVAILABLE", activeHolds: 0 });
    expect(await prisma.reservation.count({ where: { userId: second } })).toBe(0);
  });

  it("ignores a forged `active` flag and refuses direct seat-status writes", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 2 });
    const [a, b] = schedule?.seatIds ?? [];
    const [buyer] = await createBuyers(prisma, 1);
    if (!schedule || !a || !b || !buyer) throw new Error("fixture incomplete");

    const reservation = await holdSeats(prisma, {
      userId: buyer,
      scheduleId: schedule.scheduleId,
      seatIds: [a],
    });
    await prisma.reservationSeat.update({
      where: { reservationId_seatId: { reservationId: reservation.id, seatId: a } },
      data: { active: null },
    });
    expect(await seatState(a)).toEqual({ status: "HELD", activeHolds: 1 });

    await expect(
      prisma.seat.update({ where: { id: b }, data: { status: "SOLD" } }),
    ).rejects.toSatisfy(isIntegrityRuleViolation);
    expect(await seatState(b)).toEqual({ status: "AVAILABLE", activeHolds: 0 });
  });

  it("refuses a seat of another schedule than the reservation's", async () => {
    const [first, second] = await createOnSaleSchedule(prisma, { seats: 1, schedules: 2 });
    const [buyer] = await createBuyers(prisma, 1);
    const otherSeat = second?.seatIds[0];
    if (!first || !otherSeat || !buyer) throw new Error("fixture incomplete");
    await expect(
      holdSeats(prisma, { userId: buyer, scheduleId: first.scheduleId, seatIds: [otherSeat] }),
    ).rejects.toSatisfy(isIntegrityRuleViolation);
  });

  // Runs last: it removes the guarantee from this throwaway database, to show that the
  // race above is a real test (it would fail without the index).
  it("control: without the unique index the same race sells the seat many times", async () => {
    await prisma.$executeRawUnsafe('DROP INDEX "reservation_seats_seat_id_active_key"');
    const { seatId, results } = await race();
    const winners = results.filter((result) => result.status === "fulfilled").length;
    expect(winners).toBeGreaterThan(1);
    expect((await seatState(seatId)).activeHolds).toBe(winners);
  });
});
