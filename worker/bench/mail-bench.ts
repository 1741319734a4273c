/**
 * Mail benchmark: 1,000 order confirmations from reservation.confirmed events to Mailpit's
 * inbox, through the worker's mail path (Kafka consumer, rendering, the mail_messages
 * ledger in PostgreSQL, the SMTP sender), against a bare reference in the same run: the
 * same 1,000 rendered mails handed straight to the same SMTP transport.
 *
 * Runs on a Kafka broker, a Mailpit and a database of its own, so nothing else's topics or
 * mail are counted. Needs PostgreSQL, Java (Kafka) and Go (Mailpit, built once).
 * Run: `npm run bench:mail -w @ticketping/worker`.
 */
import { ticketReferenceOf } from "@ticketping/common/tickets";
import { createTicketAttachments, ticketImageCid } from "../src/mail/ticket-attachments";
import { startTicketRenderer } from "../src/mail/ticket-renderer";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { parseEnv } from "@ticketping/common/env";
import { createEvent, reservationConfirmed } from "@ticketping/common/events";
import { createKafka, EventPublisher } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import { createMailer } from "@ticketping/common/mail";
import { startOwnMailpit, startPrivateBroker, type OwnMailpit } from "@ticketping/common/testing";
import { createTestDatabase } from "@ticketping/db/testing";
import { startMailWorker } from "../src/mail/start-mail-worker";
import { mailTemplates } from "../src/mail/templates";
import { createBuyers, createShow } from "../test/support/fixtures";

const env = parseEnv({
  BENCH_MAILS: z.coerce.number().int().positive().max(10_000).default(1_000),
});
const count = env.BENCH_MAILS;
const logger = createLogger({ name: "mail-bench", level: "warn" });
const from = "Ticketping <tickets@ticketping.bench>";

async function waitForInbox(mailpit: OwnMailpit, total: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while ((await mailpit.client.total()) < total) {
    if (Date.now() > deadline) throw new Error("the inbox did not fill in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const database = await createTestDatabase({ label: "mail_bench" });
const mailpit = await startOwnMailpit();
const broker = await startPrivateBroker();
const kafka = createKafka({ brokers: [broker.address], clientId: "mail-bench", logger });
const publisher = new EventPublisher(kafka);
const prisma = database.prisma;
try {
  // count confirmed reservations of one seat each, by count buyers.
  const show = await createShow(prisma, { seats: count });
  const buyers = await createBuyers(prisma, count);
  const reservations = await prisma.reservation.createManyAndReturn({
    data: buyers.map((userId) => ({
      userId,
      scheduleId: show.scheduleId,
      amountMinor: show.priceMinor,
      currency: "EUR",
      holdExpiresAt: new Date(Date.now() + 600_000),
    })),
    select: { id: true, userId: true },
  });
  await prisma.reservationSeat.createMany({
    data: reservations.map((reservation, index) => ({
      reservationId: reservation.id,
      seatId: show.seatIds[index] ?? "",
      priceMinor: show.priceMinor,
    })),
  });
  await prisma.reservation.updateMany({ data: { status: "CONFIRMED", confirmedAt: new Date() } });
  const users = await prisma.user.findMany({ select: { id: true, email: true } });
  const emailOf = new Map(users.map((user) => [user.id, user.email]));

  // Reference: the rendered mails, with the same ticket attachments (made beforehand), straight
  // to the same SMTP transport.
  const ticketSigningKey = randomUUID() + randomUUID();
  const renderer = await startTicketRenderer({ signingKey: ticketSigningKey, logger });
  const attachmentsOf = createTicketAttachments({ prisma, renderer });
  const ticketsOf = new Map(
    (
      await prisma.ticket.findMany({
        select: { id: true, reservationId: true, seat: { select: { row: true, column: true } } },
      })
    ).map((ticket) => [
      ticket.reservationId,
      [{ id: ticket.id, reference: ticketReferenceOf(ticket.id), ...ticket.seat, grade: "R" }],
    ]),
  );
  const attachments = new Map(
    await Promise.all(
      reservations.map(
        async (reservation) => [reservation.id, await attachmentsOf(reservation.id)] as const,
      ),
    ),
  );
  await renderer.stop();
  const mailer = createMailer({ smtpUrl: mailpit.smtpUrl, from });
  const rendered = reservations.map((reservation) => ({
    to: emailOf.get(reservation.userId) ?? "",
    attachments: attachments.get(reservation.id) ?? [],
    ...mailTemplates["order-confirmed"]({
      locale: "en",
      buyerName: "Buyer",
      show: {
        performanceName: "Payments test",
        hallName: "Hall",
        hallAddress: "Test street 1",
        startsAt: new Date(),
        timeZone: "Asia/Seoul",
      },
      seats: [{ row: 1, column: 1, grade: "R" }],
      amountMinor: show.priceMinor,
      currency: "EUR",
      reservationId: reservation.id,
      ticketsUrl: "http://localhost:3000/my-tickets",
      tickets: ticketsOf.get(reservation.id) ?? [],
      ticketImageCid,
    }),
  }));
  const bareStart = performance.now();
  // The sender's batch is 20 at a time; so is the reference.
  for (let i = 0; i < rendered.length; i += 20) {
    await Promise.all(rendered.slice(i, i + 20).map((mail) => mailer.send(mail)));
  }
  await waitForInbox(mailpit, count);
  const bareMs = performance.now() - bareStart;
  mailer.close();
  await mailpit.client.deleteAll();

  // The worker's path: events on Kafka, mails in the inbox.
  const workerMailer = createMailer({ smtpUrl: mailpit.smtpUrl, from });
  const mailWorker = await startMailWorker({
    kafka,
    groupId: `mail-bench-${randomUUID()}`,
    prisma,
    logger,
    mailer: workerMailer,
    from,
    publicWebUrl: "http://localhost:3000",
    ticketSigningKey,
    emailTokenSecret: randomUUID() + randomUUID(),
    retry: { attempts: 12, initialDelayMs: 1_000, maxDelayMs: 10_000 },
    maxEventAgeMs: 3_600_000,
  });
  await mailWorker.ready;
  await publisher.connect();
  const systemStart = performance.now();
  const events = reservations.map((reservation, index) => ({
    topic: reservationConfirmed.topic,
    key: reservation.id,
    event: createEvent(reservationConfirmed, {
      reservationId: reservation.id,
      userId: reservation.userId,
      performanceId: show.performanceId,
      scheduleId: show.scheduleId,
      seatIds: [show.seatIds[index] ?? ""],
    }),
  }));
  for (let i = 0; i < events.length; i += 100) {
    await Promise.all(
      events
        .slice(i, i + 100)
        .map(({ event, key }) => publisher.publish(reservationConfirmed, event, { key })),
    );
  }
  const publishedMs = performance.now() - systemStart;
  await waitForInbox(mailpit, count);
  const systemMs = performance.now() - systemStart;
  await mailWorker.stop();
  workerMailer.close();

  const sent = await prisma.mailMessage.count({ where: { status: "SENT" } });
  const rate = (ms: number) => Math.round((count / ms) * 1_000);
  console.log(`mails: ${count} (ledger: ${sent} SENT)`);
  console.log(
    `bare SMTP (same transport, rendered mails): ${Math.round(bareMs)} ms, ${rate(bareMs)}/s`,
  );
  console.log(
    `events -> inbox through the worker: ${Math.round(systemMs)} ms, ${rate(systemMs)}/s ` +
      `(publishing took ${Math.round(publishedMs)} ms)`,
  );
  console.log(`ratio worker / bare: ${(systemMs / bareMs).toFixed(2)}x`);
} finally {
  await publisher.disconnect().catch(() => undefined);
  await broker.remove();
  await mailpit.remove();
  await database.drop();
}
