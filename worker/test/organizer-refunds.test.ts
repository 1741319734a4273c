import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeEvent, refundRequested } from "@ticketping/common/events";
import type { EventPublisher } from "@ticketping/common/kafka";
import type { OwnMailpit, SpawnedService } from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { requestOrganizerRefund } from "@ticketping/db/lifecycle";
import { createShowWithHold, recordPayment } from "./support/fixtures";
import { startMailTestBed, type MailTestBed } from "./support/mail-test-bed";

const poll = { timeout: 30_000, interval: 100 };

let bed: MailTestBed;
let publisher: EventPublisher;
let prisma: PrismaClient;
let mailpit: OwnMailpit;
let worker: SpawnedService;

/** The worker's provider calls for one organizer refund (one log line per call). */
const providerCalls = (refundId: string) =>
  worker.logs.filter(
    (line) => line.msg === "organizer refund made at the provider" && line.refundId === refundId,
  );

/** A confirmed order of two seats at 50.00 each, paid through the simulated provider. */
async function confirmedOrder() {
  const { show, buyer, reservation } = await createShowWithHold(prisma, { seats: 2 });
  await recordPayment(prisma, { reservationId: reservation.id, amountMinor: 2 * show.priceMinor });
  await expect
    .poll(
      async () =>
        (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
      poll,
    )
    .toBe("CONFIRMED");
  const { email } = await prisma.user.findUniqueOrThrow({ where: { id: buyer } });
  await mailpit.client.waitFor(email);
  return { show, reservationId: reservation.id, email };
}

const organizerRefund = (
  reservationId: string,
  options: { seatIds?: string[]; releaseSeats: boolean },
) =>
  prisma.$transaction((tx) =>
    requestOrganizerRefund(tx, {
      reservationId,
      ...options,
      cause: "ORGANIZER",
      reason: "Refunded by the organizer.",
    }),
  );

/** Kafka delivers the refund's refund.requested twice more (at-least-once). */
async function redeliverRefundRequest(reservationId: string, refundId: string) {
  const rows = await prisma.outboxEvent.findMany({
    where: { topic: refundRequested.topic, key: reservationId },
  });
  const event = rows
    .map((row) => decodeEvent(refundRequested, JSON.stringify(row.payload)))
    .find((candidate) => candidate.payload.refundId === refundId);
  if (!event) throw new Error("no refund.requested for the refund");
  await publisher.publish(refundRequested, event, { key: reservationId });
  await publisher.publish(refundRequested, event, { key: reservationId });
}

/**
 * An organizer's refund from the real worker process: outbox, Kafka, the simulated provider,
 * PostgreSQL and the mail to a Mailpit of the test's own.
 */
describe("organizer refunds (real Kafka, PostgreSQL and Mailpit)", () => {
  beforeAll(async () => {
    bed = await startMailTestBed({ label: "organizer_refunds" });
    ({ prisma, mailpit, worker, publisher } = bed);
  });

  afterAll(async () => {
    await bed.stop();
  });

  it("refunds one seat of two once, clicked twice and redelivered: its price, the seat back on sale, one mail", async () => {
    const { show, reservationId, email } = await confirmedOrder();
    const [refundedSeat, keptSeat] = show.seatIds;
    if (!refundedSeat || !keptSeat) throw new Error("fixture incomplete");

    const first = await organizerRefund(reservationId, {
      seatIds: [refundedSeat],
      releaseSeats: true,
    });
    // The organizer clicks again before the page refreshed: refused, nothing asked twice.
    const second = await organizerRefund(reservationId, {
      seatIds: [refundedSeat],
      releaseSeats: true,
    });
    expect(first).toMatchObject({
      outcome: "requested",
      amountMinor: show.priceMinor,
      reservationStatus: "CONFIRMED",
      freedSeatIds: [refundedSeat],
    });
    expect(second).toEqual({ outcome: "already-refunded", seatIds: [refundedSeat] });
    if (first.outcome !== "requested") throw new Error("not requested");

    await expect
      .poll(
        async () =>
          (await prisma.refund.findUniqueOrThrow({ where: { id: first.refundId } })).status,
        poll,
      )
      .toBe("REFUNDED");
    await redeliverRefundRequest(reservationId, first.refundId);
    // Newest first.
    const [refundMail] = await mailpit.client.waitFor(email, { count: 2 });
    // The redeliveries were handled (and found the refund made) before we count.
    await expect
      .poll(
        () =>
          worker.logs.filter(
            (line) => line.msg === "nothing to refund" && line.refundId === first.refundId,
          ).length,
        poll,
      )
      .toBe(2);

    expect(providerCalls(first.refundId)).toHaveLength(1);
    const refund = await prisma.refund.findUniqueOrThrow({ where: { id: first.refundId } });
    expect(refund).toMatchObject({ amountMinor: show.priceMinor, releaseSeats: true });
    expect(refund.providerRefundId).toMatch(/^re_sim_/);
    expect(await prisma.refund.count({ where: { reservationId } })).toBe(1);
    const order = await prisma.reservation.findUniqueOrThrow({ where: { id: reservationId } });
    expect(order.status).toBe("CONFIRMED");
    const payment = await prisma.payment.findFirstOrThrow({ where: { reservationId } });
    // Half of it is given back: the payment stands.
    expect(payment.status).toBe("COMPLETED");
    const seats = await prisma.seat.findMany({
      where: { id: { in: [refundedSeat, keptSeat] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(seats.map((seat) => [seat.id, seat.status]))).toEqual({
      [refundedSeat]: "AVAILABLE",
      [keptSeat]: "SOLD",
    });

    const message = await mailpit.client.message(refundMail?.ID ?? "");
    expect(message.Subject).toBe("Refund of €50.00 for Payments test");
    expect(message.Text).toContain("Why: Refunded by the organizer.");
    expect(await mailpit.client.to(email)).toHaveLength(2);
    expect(
      await prisma.mailMessage.count({ where: { recipient: email, template: "refund-issued" } }),
    ).toBe(1);
  });

  it("refunds the rest of an order kept off sale: REFUNDED, its seats stay SOLD, the payment is refunded in full", async () => {
    const { show, reservationId, email } = await confirmedOrder();
    const [firstSeat, secondSeat] = show.seatIds;
    if (!firstSeat || !secondSeat) throw new Error("fixture incomplete");

    const partial = await organizerRefund(reservationId, {
      seatIds: [firstSeat],
      releaseSeats: true,
    });
    const rest = await organizerRefund(reservationId, { releaseSeats: false });
    expect(rest).toMatchObject({
      outcome: "requested",
      seatIds: [secondSeat],
      amountMinor: show.priceMinor,
      reservationStatus: "REFUNDED",
      freedSeatIds: [],
    });
    if (partial.outcome !== "requested" || rest.outcome !== "requested") throw new Error("refused");
    await mailpit.client.waitFor(email, { count: 3 });

    const payment = await prisma.payment.findFirstOrThrow({ where: { reservationId } });
    expect(payment.status).toBe("REFUNDED");
    const order = await prisma.reservation.findUniqueOrThrow({ where: { id: reservationId } });
    expect(order).toMatchObject({ status: "REFUNDED" });
    const seats = await prisma.seat.findMany({
      where: { id: { in: [firstSeat, secondSeat] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(seats.map((seat) => [seat.id, seat.status]))).toEqual({
      [firstSeat]: "AVAILABLE",
      [secondSeat]: "SOLD",
    });
    expect(providerCalls(partial.refundId)).toHaveLength(1);
    expect(providerCalls(rest.refundId)).toHaveLength(1);
    // Nothing more to refund: a third request is refused.
    expect(await organizerRefund(reservationId, { releaseSeats: true })).toEqual({
      outcome: "not-confirmed",
      status: "REFUNDED",
    });
    // Two refund mails of 50.00 each, no mail for the whole payment on top.
    const mails = await prisma.mailMessage.findMany({
      where: { recipient: email, template: "refund-issued" },
      select: { subject: true },
    });
    expect(mails.map((mail) => mail.subject)).toEqual([
      "Refund of €50.00 for Payments test",
      "Refund of €50.00 for Payments test",
    ]);
  });
});
