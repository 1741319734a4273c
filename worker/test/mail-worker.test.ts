import { PDFDocument } from "pdf-lib";
import { ticketReferenceOf } from "@ticketping/common/tickets";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFields, parseEnv } from "@ticketping/common/env";
import {
  createEvent,
  decodeEvent,
  paymentFailed,
  paymentRefunded,
  reservationConfirmed,
} from "@ticketping/common/events";
import type { EventPublisher } from "@ticketping/common/kafka";
import { createKafka } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { createMailer } from "@ticketping/common/mail";
import {
  freePort,
  startOwnMailpit,
  type OwnMailpit,
  type SpawnedService,
} from "@ticketping/common/testing";
import type { PrismaClient } from "@ticketping/db";
import { cancelConfirmedReservation } from "@ticketping/db/lifecycle";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { enqueueMails } from "../src/mail/mail-ledger";
import { startMailSender } from "../src/mail/mail-sender";
import { startRowPruner } from "../src/pruning/prune-spent-rows";
import { mailDeadLetterTopic } from "../src/mail/start-mail-worker";
import { collectTopic } from "./support/kafka";
import { createShowWithHold, recordPayment } from "./support/fixtures";
import { publicWebUrl, startMailTestBed, type MailTestBed } from "./support/mail-test-bed";

const env = parseEnv({ KAFKA_BROKERS: envFields.kafkaBrokers });
const logger = createLogger({ name: "mail-worker-test", level: "silent" });
const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "mail-worker-test", logger });
const poll = { timeout: 30_000, interval: 100 };

let bed: MailTestBed;
let publisher: EventPublisher;
let prisma: PrismaClient;
let mailpit: OwnMailpit;
let worker: SpawnedService;

const emailOf = async (userId: string) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: userId } })).email;

/** The worker's "mail event handled" log lines for one reservation (and template). */
const handled = (reservationId: string, template = "order-confirmed") =>
  worker.logs.filter(
    (line) =>
      line.msg === "mail event handled" &&
      line.reservationId === reservationId &&
      line.template === template,
  );

/** A paid hold, confirmed by the worker from the payment's outbox row; the buyer's address. */
async function confirmedPurchase(price: { priceMinor: number; currency: string } | null = null) {
  const { show, buyer, reservation } = await createShowWithHold(prisma, { seats: 2, ...price });
  await recordPayment(prisma, {
    reservationId: reservation.id,
    amountMinor: 2 * show.priceMinor,
    currency: show.currency,
  });
  await expect
    .poll(
      async () =>
        (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
      poll,
    )
    .toBe("CONFIRMED");
  return { reservationId: reservation.id, email: await emailOf(buyer) };
}

/**
 * Mail from the real worker process: Kafka events in, SMTP out to a Mailpit of the test's
 * own (so stopping it disturbs nobody), read back through Mailpit's API.
 */
describe("mail from the worker (real Kafka, PostgreSQL and Mailpit)", () => {
  beforeAll(async () => {
    bed = await startMailTestBed({
      label: "mail_worker",
      env: {
        MAIL_RETRY_INITIAL_MS: "200",
        MAIL_RETRY_MAX_MS: "1000",
        MAIL_MAX_ATTEMPTS: "100",
        HOLD_SWEEP_INTERVAL_MS: "300",
        HOLD_SWEEP_GRACE_MS: "0",
      },
    });
    ({ prisma, mailpit, worker, publisher } = bed);
  });

  afterAll(async () => {
    await bed.stop();
  });

  it("an order confirmation delivered three times sends one mail, with the tickets", async () => {
    const { reservationId, email } = await confirmedPurchase();
    const [first] = await mailpit.client.waitFor(email);

    // Kafka redelivers: the same reservation.confirmed (same event id) twice more.
    const row = await prisma.outboxEvent.findFirstOrThrow({
      where: { topic: reservationConfirmed.topic, key: reservationId },
    });
    const event = decodeEvent(reservationConfirmed, JSON.stringify(row.payload));
    await publisher.publish(reservationConfirmed, event, { key: reservationId });
    await publisher.publish(reservationConfirmed, event, { key: reservationId });

    // All three deliveries handled (one partition, in order); only the first recorded a mail.
    await expect.poll(() => handled(reservationId).length, poll).toBe(3);
    expect(handled(reservationId).map((line) => line.recorded)).toEqual([true, false, false]);
    const ledger = await prisma.mailMessage.findMany({ where: { recipient: email } });
    expect(ledger).toMatchObject([{ template: "order-confirmed", status: "SENT", attempts: 1 }]);
    expect(await mailpit.client.to(email)).toHaveLength(1);

    const message = await mailpit.client.message(first?.ID ?? "");
    expect(message.Subject).toBe("Your tickets for Payments test");
    expect(message.From?.Address).toBe("tickets@ticketping.test");
    expect(message.MessageID).toBe(`${ledger[0]?.id}@ticketping.test`);
    for (const part of [message.Text, message.HTML]) {
      expect(part).toContain("Row 1, seat 1 (R)");
      expect(part).toContain("Row 1, seat 2 (R)");
      expect(part).toContain("(Asia/Seoul)");
      expect(part).toContain(`${publicWebUrl}/my-tickets`);
      expect(part).toContain(reservationId);
    }
    // The tickets: a PDF of a page each, and each QR code inline where the HTML shows it.
    const tickets = await prisma.ticket.findMany({ where: { reservationId } });
    expect(tickets).toHaveLength(2);
    const pdf = message.Attachments.find((file) => file.FileName === "tickets.pdf");
    if (!pdf) throw new Error("no tickets.pdf attached");
    expect(pdf.ContentType).toBe("application/pdf");
    const document = await PDFDocument.load(await mailpit.client.part(message.ID, pdf.PartID));
    expect(document.getPageCount()).toBe(2);
    expect(message.Inline.map((image) => image.ContentID).sort()).toEqual(
      tickets.map((ticket) => `ticket-${ticket.id}@ticketping`).sort(),
    );
    for (const ticket of tickets) {
      expect(message.HTML).toContain(`cid:ticket-${ticket.id}@ticketping`);
      expect(message.Text).toContain(ticketReferenceOf(ticket.id));
    }
  });

  it("a purchase in won is mailed in won, whole won with no minor digits", async () => {
    // 55,000 won a seat: KRW has no minor unit, so the stored amount is the amount itself.
    const { reservationId, email } = await confirmedPurchase({
      priceMinor: 55_000,
      currency: "KRW",
    });
    const [mail] = await mailpit.client.waitFor(email);
    const message = await mailpit.client.message(mail?.ID ?? "");
    for (const part of [message.Text, message.HTML]) {
      expect(part).toContain("2 tickets, total paid");
      expect(part).toContain("₩110,000");
      expect(part).not.toContain("€");
      expect(part).not.toContain("₩1,100");
      expect(part).toContain(reservationId);
    }
  });

  it("a refund delivered three times sends one refund mail, after the refund is recorded", async () => {
    const { reservationId, email } = await confirmedPurchase();
    await mailpit.client.waitFor(email);
    // The buyer cancels (as web's cancellation does): the worker refunds through the
    // provider, records it and announces payment.refunded, which the mail group reads.
    const { userId } = await prisma.reservation.findUniqueOrThrow({ where: { id: reservationId } });
    const cancelled = await prisma.$transaction((tx) =>
      cancelConfirmedReservation(tx, { reservationId, userId }),
    );
    expect(cancelled.outcome).toBe("cancelled");
    const [refundMail] = await mailpit.client.waitFor(email, { count: 2 });
    const payment = await prisma.payment.findFirstOrThrow({ where: { reservationId } });
    expect(payment.status).toBe("REFUNDED");

    // Kafka redelivers the same payment.refunded twice more: nothing more is sent.
    const row = await prisma.outboxEvent.findFirstOrThrow({
      where: { topic: paymentRefunded.topic, key: reservationId },
    });
    const event = decodeEvent(paymentRefunded, JSON.stringify(row.payload));
    expect(event.payload.paymentId).toBe(payment.id);
    await publisher.publish(paymentRefunded, event, { key: reservationId });
    await publisher.publish(paymentRefunded, event, { key: reservationId });
    await expect.poll(() => handled(reservationId, "refund-issued").length, poll).toBe(3);
    expect(handled(reservationId, "refund-issued").map((line) => line.recorded)).toEqual([
      true,
      false,
      false,
    ]);
    // Only one payment.refunded was written for the one refund.
    expect(
      await prisma.outboxEvent.count({
        where: { topic: paymentRefunded.topic, key: reservationId },
      }),
    ).toBe(1);
    const ledger = await prisma.mailMessage.findMany({
      where: { recipient: email, template: "refund-issued" },
    });
    expect(ledger).toMatchObject([{ status: "SENT", eventId: event.id }]);
    expect(await mailpit.client.to(email)).toHaveLength(2);

    const message = await mailpit.client.message(refundMail?.ID ?? "");
    expect(message.Subject).toBe("Refund of €100.00 for Payments test");
    for (const part of [message.Text, message.HTML]) {
      expect(part).toContain("We refunded €100.00");
      expect(part).toContain("Why: Cancelled by the buyer before the show.");
      expect(part).toContain("(Asia/Seoul)");
      expect(part).toContain(`${publicWebUrl}/my-tickets`);
    }
    // No ticket goes with a refund.
    expect(message.Attachments).toEqual([]);
    expect(message.Inline).toEqual([]);
  });

  it("a refund event whose payment is not refunded in the database sends nothing", async () => {
    const { reservationId, email } = await confirmedPurchase();
    await mailpit.client.waitFor(email);
    const payment = await prisma.payment.findFirstOrThrow({ where: { reservationId } });
    // Announced, but the stored state disagrees (the payment is still COMPLETED).
    const event = createEvent(paymentRefunded, {
      reservationId,
      paymentId: payment.id,
      provider: "SIMULATED",
    });
    await publisher.publish(paymentRefunded, event, { key: reservationId });
    await expect.poll(() => handled(reservationId, "refund-issued").length, poll).toBe(1);
    expect(handled(reservationId, "refund-issued")[0]?.recorded).toBe(false);
    expect(
      await prisma.mailMessage.count({ where: { recipient: email, template: "refund-issued" } }),
    ).toBe(0);
    expect(await mailpit.client.to(email)).toHaveLength(1);
  });

  it("SMTP down: the mail is retried with backoff and delivered once SMTP is back, once", async () => {
    await mailpit.stop();
    try {
      const { email } = await confirmedPurchase();
      // Failed attempts are recorded and retried, the mail still PENDING.
      await expect
        .poll(
          async () =>
            (await prisma.mailMessage.findFirst({ where: { recipient: email } }))?.attempts ?? 0,
          poll,
        )
        .toBeGreaterThanOrEqual(3);
      const waiting = await prisma.mailMessage.findFirstOrThrow({ where: { recipient: email } });
      expect(waiting.status).toBe("PENDING");
      expect(waiting.lastError).toBeTruthy();
    } finally {
      await mailpit.start();
    }
    const pending = await prisma.mailMessage.findMany({ where: { status: "PENDING" } });
    expect(pending).toHaveLength(1);
    const email = pending[0]?.recipient ?? "";
    await mailpit.client.waitFor(email);
    await expect
      .poll(
        async () =>
          (await prisma.mailMessage.findFirstOrThrow({ where: { recipient: email } })).status,
        poll,
      )
      .toBe("SENT");
    expect(await mailpit.client.to(email)).toHaveLength(1);
  });

  it("a declined payment mails a link back to the checkout while the hold runs", async () => {
    const { buyer, reservation } = await createShowWithHold(prisma, { seats: 1 });
    const email = await emailOf(buyer);
    const event = createEvent(paymentFailed, {
      reservationId: reservation.id,
      paymentId: randomUUID(),
      provider: "SIMULATED",
      reason: "card_declined",
    });
    await publisher.publish(paymentFailed, event, { key: reservation.id });
    const [summary] = await mailpit.client.waitFor(email);
    const message = await mailpit.client.message(summary?.ID ?? "");
    expect(message.Subject).toBe("Your payment for Payments test did not go through");
    expect(message.Text).toContain(`${publicWebUrl}/checkout/${reservation.id}`);
    expect(message.HTML).toContain(`href="${publicWebUrl}/checkout/${reservation.id}"`);
  });

  it("a lapsed hold mails that the seats were released, with a link to book again", async () => {
    const { buyer, reservation } = await createShowWithHold(prisma, {
      seats: 1,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    const email = await emailOf(buyer);
    const [summary] = await mailpit.client.waitFor(email);
    const message = await mailpit.client.message(summary?.ID ?? "");
    expect(message.Subject).toBe("Your seats for Payments test were released");
    const { slug } = await prisma.performance.findFirstOrThrow({
      where: { schedules: { some: { id: reservation.scheduleId } } },
    });
    expect(message.Text).toContain(`${publicWebUrl}/performances/${slug}`);
    expect(
      (await prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } })).status,
    ).toBe("EXPIRED");
  });

  it("parks an event it cannot read on the mail group's own dead-letter topic", async () => {
    const parked = await collectTopic(kafka, mailDeadLetterTopic(reservationConfirmed.topic));
    try {
      const key = `poison-${randomUUID()}`;
      await publisher.publishRaw([{ topic: reservationConfirmed.topic, key, value: "not json" }]);
      await expect.poll(() => parked.messages.filter((m) => m.key === key).length, poll).toBe(1);
    } finally {
      await parked.stop();
    }
  });
});

describe("mail sender (real PostgreSQL and SMTP)", () => {
  let ledgerDb: TestDatabase;
  beforeAll(async () => {
    ledgerDb = await createTestDatabase({ label: "mail_sender" });
  });
  afterAll(async () => {
    await ledgerDb.drop();
  });

  it("parks a mail DEAD after its last attempt, with the error, and sends nothing more", async () => {
    // Nobody listens on this port: every attempt is refused.
    const mailer = createMailer({
      smtpUrl: `smtp://127.0.0.1:${await freePort()}`,
      from: "tickets@ticketping.test",
      timeoutMs: 1_000,
    });
    await enqueueMails(ledgerDb.prisma, [
      {
        eventId: randomUUID(),
        recipient: "Gone@Example.com",
        template: "order-confirmed",
        subject: "s",
        html: "<p>h</p>",
        text: "t",
      },
    ]);
    const sender = startMailSender({
      prisma: ledgerDb.prisma,
      mailer,
      logger,
      messageIdDomain: "ticketping.test",
      ticketAttachments: () => Promise.resolve([]),
      retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 100 },
      pollIntervalMs: 20,
    });
    try {
      await expect
        .poll(async () => (await ledgerDb.prisma.mailMessage.findFirstOrThrow()).status, poll)
        .toBe("DEAD");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const dead = await ledgerDb.prisma.mailMessage.findFirstOrThrow();
      expect(dead).toMatchObject({ recipient: "gone@example.com", attempts: 3, status: "DEAD" });
      expect(dead.lastError).toMatch(/ECONNREFUSED|connect/i);
    } finally {
      await sender.stop();
      mailer.close();
    }
  });

  it("gives way while the payment consumer is busy, at most maxDeferMs, and not when it is quiet", async () => {
    const inbox = await startOwnMailpit();
    const mailer = createMailer({ smtpUrl: inbox.smtpUrl, from: "tickets@ticketping.test" });
    const queue = async (recipient: string) => {
      await enqueueMails(ledgerDb.prisma, [
        {
          eventId: randomUUID(),
          recipient,
          template: "order-confirmed",
          subject: "s",
          html: "<p>h</p>",
          text: "t",
        },
      ]);
    };
    const statusOf = async (recipient: string) =>
      (await ledgerDb.prisma.mailMessage.findFirstOrThrow({ where: { recipient } })).status;
    let paymentsBusy = true;
    await queue("during-rush@example.com");
    const started = Date.now();
    const sender = startMailSender({
      prisma: ledgerDb.prisma,
      mailer,
      logger,
      messageIdDomain: "ticketping.test",
      ticketAttachments: () => Promise.resolve([]),
      retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 100 },
      pollIntervalMs: 20,
      deferWhile: () => paymentsBusy,
      maxDeferMs: 1_500,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(await statusOf("during-rush@example.com")).toBe("PENDING");
      await expect.poll(() => statusOf("during-rush@example.com"), poll).toBe("SENT");
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);

      paymentsBusy = false;
      await queue("when-quiet@example.com");
      const queued = Date.now();
      sender.wake();
      await expect.poll(() => statusOf("when-quiet@example.com"), poll).toBe("SENT");
      expect(Date.now() - queued).toBeLessThan(1_000);
      await inbox.client.waitFor("when-quiet@example.com");
    } finally {
      await sender.stop();
      mailer.close();
      await inbox.remove();
    }
  });

  it("prunes mails sent over 30 days ago, and keeps newer and DEAD ones", async () => {
    const old = new Date(Date.now() - 31 * 86_400_000);
    const mail = (status: "SENT" | "DEAD", sentAt: Date | null) => ({
      eventId: randomUUID(),
      recipient: "keep@example.com",
      template: "order-confirmed",
      subject: "s",
      html: "h",
      text: "t",
      status,
      sentAt,
    });
    await ledgerDb.prisma.mailMessage.deleteMany();
    await ledgerDb.prisma.mailMessage.createMany({
      data: [mail("SENT", old), mail("SENT", new Date()), mail("DEAD", null)],
    });
    const pruner = startRowPruner({ prisma: ledgerDb.prisma, logger, intervalMs: 3_600_000 });
    try {
      await pruner.prune();
      const { mail: pruned } = await pruner.prune();
      expect(pruned).toBe(0);
      const left = await ledgerDb.prisma.mailMessage.findMany({ orderBy: { status: "asc" } });
      expect(left.map((row) => row.status).sort()).toEqual(["DEAD", "SENT"]);
      expect(left.find((row) => row.status === "SENT")?.sentAt?.getTime()).toBeGreaterThan(
        old.getTime(),
      );
    } finally {
      await pruner.stop();
    }
  });
});
