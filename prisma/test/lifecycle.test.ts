import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  holdExpired,
  holdReleased,
  paymentCompleted,
  reservationConfirmed,
} from "@ticketping/common/events";
import { isPaidHoldRefusal, SHOW_CANCELLED_SQLSTATE, type PrismaClient } from "../src/index";
import {
  cancelConfirmedReservation,
  cancelShow,
  confirmHeldReservation,
  expireHeldReservation,
  handleOnce,
  holdExpiryEventId,
  lockReservation,
  recordCheckoutPayment,
  releaseHeldReservation,
  reviveLapsedReservation,
  statusReasons,
} from "../src/lifecycle";
import { createTestDatabase, type TestDatabase } from "../src/testing";
import { createBuyers, createOnSaleSchedule, holdSeats } from "./fixtures";

describe("the reservation lifecycle", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase({ label: "lifecycle", maxConnections: 10 });
    prisma = database.prisma;
  });

  afterAll(async () => {
    await database.drop();
  });

  async function heldSeat() {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 1 });
    const seatId = schedule?.seatIds[0];
    const [userId] = await createBuyers(prisma, 1);
    if (!schedule || !seatId || !userId) throw new Error("fixture incomplete");
    const reservation = await holdSeats(prisma, {
      userId,
      scheduleId: schedule.scheduleId,
      seatIds: [seatId],
    });
    return { reservationId: reservation.id, scheduleId: schedule.scheduleId, seatId, userId };
  }

  const outboxTopics = async (reservationId: string) =>
    (
      await prisma.outboxEvent.findMany({ where: { key: reservationId }, orderBy: { id: "asc" } })
    ).map((row) => row.topic);

  it("runs an effect once per consumer and event, however many deliveries race", async () => {
    const eventId = randomUUID();
    let runs = 0;
    const deliveries = await Promise.all(
      Array.from({ length: 5 }, () =>
        handleOnce({ prisma, consumer: "test.once", eventId }, async (tx) => {
          runs++;
          await tx.$executeRaw`SELECT pg_sleep(0.02)`;
          return "done";
        }),
      ),
    );
    expect(runs).toBe(1);
    expect(deliveries.filter((delivery) => delivery.applied)).toEqual([
      { applied: true, result: "done" },
    ]);
    // Another consumer of the same event runs its own effect.
    const other = await handleOnce({ prisma, consumer: "test.other", eventId }, () =>
      Promise.resolve(1),
    );
    expect(other).toEqual({ applied: true, result: 1 });
  });

  it("keeps no processed-event row for an effect that failed, so a redelivery runs it", async () => {
    const key = { consumer: "test.failing", eventId: randomUUID() };
    const failed = await handleOnce({ prisma, ...key }, () =>
      Promise.reject(new Error("boom")),
    ).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(Error);
    expect(await prisma.processedEvent.count({ where: key })).toBe(0);
    expect(await handleOnce({ prisma, ...key }, () => Promise.resolve("ok"))).toEqual({
      applied: true,
      result: "ok",
    });
  });

  it("releases a buyer's own open hold once, announcing it, and refuses a paid one", async () => {
    const { reservationId, scheduleId, seatId, userId } = await heldSeat();
    const release = (by: string) =>
      prisma.$transaction((tx) =>
        releaseHeldReservation(tx, { reservationId, userId: by, scheduleId }),
      );
    expect(await release(randomUUID())).toBe(false);
    expect(await release(userId)).toBe(true);
    expect(await release(userId)).toBe(false);
    const reservation = await prisma.reservation.findUniqueOrThrow({
      where: { id: reservationId },
    });
    expect(reservation).toMatchObject({
      status: "CANCELLED",
      statusReason: statusReasons.releasedByBuyer,
    });
    expect((await prisma.seat.findUniqueOrThrow({ where: { id: seatId } })).status).toBe(
      "AVAILABLE",
    );
    expect(await outboxTopics(reservationId)).toEqual([holdReleased.topic]);

    const paid = await heldSeat();
    await prisma.payment.create({
      data: {
        reservationId: paid.reservationId,
        provider: "SIMULATED",
        providerSessionId: `cs_sim_${randomUUID()}`,
        providerPaymentId: `pi_sim_${randomUUID()}`,
        amountMinor: 5_000,
        currency: "EUR",
        status: "COMPLETED",
      },
    });
    const refused = await prisma
      .$transaction((tx) => releaseHeldReservation(tx, { ...paid, scheduleId: paid.scheduleId }))
      .catch((error: unknown) => error);
    expect(isPaidHoldRefusal(refused)).toBe(true);
    expect(await outboxTopics(paid.reservationId)).toEqual([]);
  });

  it("expires a hold only once it is due, recording the expiry under the hold's derived id", async () => {
    const { reservationId, scheduleId } = await heldSeat();
    const eventId = randomUUID();
    const expire = (now: Date) =>
      prisma.$transaction((tx) =>
        expireHeldReservation(tx, { reservationId, scheduleId, eventId, now }),
      );
    expect(await expire(new Date())).toBe(false);
    // An early report uses up nothing: the sweeper may report the same id later.
    expect(await prisma.processedEvent.count({ where: { eventId } })).toBe(0);

    const later = new Date(Date.now() + 600_000);
    expect(await expire(later)).toBe(true);
    expect(await expire(later)).toBe(false);
    expect(
      await prisma.reservation.findUniqueOrThrow({ where: { id: reservationId } }),
    ).toMatchObject({ status: "EXPIRED", statusReason: statusReasons.expired });
    expect(await prisma.processedEvent.count({ where: { eventId } })).toBe(1);
    const [event] = await prisma.outboxEvent.findMany({ where: { key: reservationId } });
    expect(event?.topic).toBe(holdExpired.topic);
    expect(event?.headers).toMatchObject({ "event-id": holdExpiryEventId(reservationId) });
  });

  it("confirms a paid hold, revives a lapsed one whose seat is free, and lets the buyer cancel before the show", async () => {
    const held = await heldSeat();
    await prisma.$transaction(async (tx) => {
      const locked = await lockReservation(tx, { reservationId: held.reservationId });
      if (!locked) throw new Error("not found");
      await confirmHeldReservation(tx, locked);
    });
    expect((await prisma.seat.findUniqueOrThrow({ where: { id: held.seatId } })).status).toBe(
      "SOLD",
    );

    const lapsed = await heldSeat();
    await prisma.reservation.update({
      where: { id: lapsed.reservationId },
      data: { status: "EXPIRED" },
    });
    const revived = await prisma.$transaction(async (tx) => {
      const locked = await lockReservation(tx, { reservationId: lapsed.reservationId });
      if (!locked) throw new Error("not found");
      return reviveLapsedReservation(tx, locked);
    });
    expect(revived).toBe(true);
    expect(await outboxTopics(lapsed.reservationId)).toEqual([reservationConfirmed.topic]);

    // Both ways of confirming issued the seat's ticket, for the reservation's show.
    for (const { reservationId, seatId, scheduleId } of [held, lapsed]) {
      const tickets = await prisma.ticket.findMany({ where: { reservationId } });
      expect(tickets.map((ticket) => [ticket.seatId, ticket.scheduleId])).toEqual([
        [seatId, scheduleId],
      ]);
    }

    const cancel = (userId: string) =>
      prisma.$transaction((tx) =>
        cancelConfirmedReservation(tx, { reservationId: held.reservationId, userId }),
      );
    expect(await cancel(randomUUID())).toEqual({ outcome: "not-found" });
    expect(await cancel(held.userId)).toEqual({
      outcome: "cancelled",
      scheduleId: held.scheduleId,
      seatIds: [held.seatId],
    });
    expect(await cancel(held.userId)).toEqual({ outcome: "not-confirmed", status: "CANCELLED" });
    // The ticket stays, for the door to recognise and refuse; its reservation is what changed.
    expect(await prisma.ticket.count({ where: { reservationId: held.reservationId } })).toBe(1);
    expect((await prisma.seat.findUniqueOrThrow({ where: { id: held.seatId } })).status).toBe(
      "AVAILABLE",
    );
  });

  it("issues tickets to a reservation written as confirmed from the start, and none to a hold", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 3 });
    const [userId] = await createBuyers(prisma, 1);
    if (!schedule || !userId) throw new Error("fixture incomplete");
    const [first, second, third] = schedule.seatIds;
    if (!first || !second || !third) throw new Error("fixture incomplete");
    const sold = await prisma.reservation.create({
      data: {
        userId,
        scheduleId: schedule.scheduleId,
        status: "CONFIRMED",
        amountMinor: 10_000,
        currency: "EUR",
        holdExpiresAt: new Date(),
        seats: {
          create: [
            { seatId: first, priceMinor: 5_000 },
            { seatId: second, priceMinor: 5_000 },
          ],
        },
      },
    });
    const held = await holdSeats(prisma, {
      userId,
      scheduleId: schedule.scheduleId,
      seatIds: [third],
    });
    expect(
      (
        await prisma.ticket.findMany({
          where: { reservationId: sold.id },
          orderBy: { seatId: "asc" },
        })
      ).map((ticket) => ticket.seatId),
    ).toEqual([first, second].sort());
    expect(await prisma.ticket.count({ where: { reservationId: held.id } })).toBe(0);
  });

  it("records a checkout payment once per event and once per payment, in one statement", async () => {
    const { reservationId } = await heldSeat();
    const sessionId = `cs_sim_${randomUUID()}`;
    const payment = {
      reservationId,
      provider: "SIMULATED" as const,
      sessionId,
      providerPaymentId: `pi_sim_${randomUUID()}`,
      amountMinor: 5_000,
      currency: "EUR",
      result: "paid" as const,
    };
    const first = { consumer: "test.webhook", eventId: `evt_${randomUUID()}` };
    expect(await recordCheckoutPayment(prisma, first, payment)).toEqual({
      fresh: true,
      found: true,
      recorded: true,
    });
    expect(await recordCheckoutPayment(prisma, first, payment)).toMatchObject({ fresh: false });
    // Another event reporting the same payment (async_payment_succeeded) adds nothing.
    const second = { consumer: "test.webhook", eventId: `evt_${randomUUID()}` };
    expect(await recordCheckoutPayment(prisma, second, payment)).toEqual({
      fresh: true,
      found: true,
      recorded: false,
    });
    expect(await prisma.payment.count({ where: { reservationId } })).toBe(1);
    expect(await outboxTopics(reservationId)).toEqual([paymentCompleted.topic]);

    const unknown = { consumer: "test.webhook", eventId: `evt_${randomUUID()}` };
    expect(
      await recordCheckoutPayment(prisma, unknown, { ...payment, reservationId: randomUUID() }),
    ).toEqual({ fresh: true, found: false, recorded: false });
  });

  it("ends a cancelled show's open holds, keeps a paid one for its refund, and takes no hold or revival after", async () => {
    const [schedule] = await createOnSaleSchedule(prisma, { seats: 4 });
    const [a, b, c, d] = schedule?.seatIds ?? [];
    const [userId] = await createBuyers(prisma, 1);
    if (!schedule || !a || !b || !c || !d || !userId) throw new Error("fixture incomplete");
    const { scheduleId } = schedule;
    const open = await holdSeats(prisma, { userId, scheduleId, seatIds: [a] });
    const paid = await holdSeats(prisma, { userId, scheduleId, seatIds: [b] });
    await prisma.payment.create({
      data: {
        reservationId: paid.id,
        provider: "SIMULATED",
        providerPaymentId: `pi_${randomUUID()}`,
        amountMinor: paid.amountMinor,
        currency: "EUR",
        status: "COMPLETED",
      },
    });
    const lapsed = await holdSeats(prisma, { userId, scheduleId, seatIds: [c] });
    await prisma.reservation.update({ where: { id: lapsed.id }, data: { status: "EXPIRED" } });

    // A hold written while the cancel is open waits for it, then is refused.
    let lateHold: Promise<unknown> | undefined;
    let lateSettled = false;
    await prisma.$transaction(async (tx) => {
      await cancelShow(tx, { scheduleId, reason: "The artist is ill." });
      lateHold = holdSeats(prisma, { userId, scheduleId, seatIds: [d] }).finally(() => {
        lateSettled = true;
      });
      lateHold.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(lateSettled).toBe(false);
    });
    await expect(lateHold).rejects.toThrow();
    await lateHold?.catch((error: unknown) => {
      expect(JSON.stringify(error)).toContain(SHOW_CANCELLED_SQLSTATE);
    });

    const ended = await prisma.reservation.findUniqueOrThrow({ where: { id: open.id } });
    expect([ended.status, ended.statusReason]).toEqual([
      "CANCELLED",
      statusReasons.holdShowCancelled,
    ]);
    expect(await outboxTopics(open.id)).toEqual([holdReleased.topic]);
    expect((await prisma.seat.findUniqueOrThrow({ where: { id: a } })).status).toBe("AVAILABLE");
    // Paid means yours does not mean confirmed here: the payment handler refunds it.
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe(
      "PENDING",
    );
    const revived = await prisma.$transaction(async (tx) => {
      const locked = await lockReservation(tx, { reservationId: lapsed.id });
      if (!locked) throw new Error("not found");
      expect(locked.showCancelled).toBe(true);
      return reviveLapsedReservation(tx, locked);
    });
    expect(revived).toBe(false);
    expect((await prisma.reservation.findUniqueOrThrow({ where: { id: lapsed.id } })).status).toBe(
      "EXPIRED",
    );
  });
});
