import { deadLetterTopic } from "@ticketping/common/events";
import {
  ensureTopics,
  runEventConsumer,
  type Kafka,
  type RawMessage,
} from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { Mailer } from "@ticketping/common/mail";
import { CountingDeadLetterPublisher } from "@ticketping/common/metrics/kafka";
import { isDatabaseUnavailable, type PrismaClient } from "@ticketping/db";
import { registry } from "../metrics";
import { observeSubscriptions } from "../observe-subscriptions";
import { giveWay } from "../payment-activity";
import { mailLinks } from "./links";
import { createMailSubscriptions } from "./mail-handlers";
import { startMailSender, type MailRetryPolicy } from "./mail-sender";
import { createTicketAttachments } from "./ticket-attachments";
import { startTicketRenderer } from "./ticket-renderer";

/**
 * Where the mail group parks what it cannot handle: `<topic>.mail.dlq`, apart from the
 * main group's `<topic>.dlq`, so one poison message parked by both groups is not two
 * copies on one topic (a replay of `<topic>.dlq` would reach both groups anyway).
 */
export function mailDeadLetterTopic(topic: string): string {
  return deadLetterTopic(`${topic}.mail`);
}

class MailDeadLetterPublisher extends CountingDeadLetterPublisher {
  override publishRaw(messages: readonly RawMessage[]): Promise<void> {
    const suffix = deadLetterTopic("");
    return super.publishRaw(
      messages.map((message) => ({
        ...message,
        topic: mailDeadLetterTopic(message.topic.slice(0, -suffix.length)),
      })),
    );
  }
}

export interface MailWorkerOptions {
  kafka: Kafka;
  /** A consumer group of its own, so a slow mail never holds up a payment. */
  groupId: string;
  prisma: PrismaClient;
  logger: Logger;
  mailer: Mailer;
  from: string;
  publicWebUrl: string;
  /** Signs the tickets the order mail carries (the web app's: TICKET_SIGNING_KEY). */
  ticketSigningKey: string;
  /** Signs verification links (the web app checks them: EMAIL_TOKEN_SECRET). */
  emailTokenSecret: string;
  retry: MailRetryPolicy;
  pollIntervalMs?: number;
  /**
   * The payment consumer is at work: each mail event and each send batch waits, at most
   * 2 s (see MailSenderOptions.deferWhile), so mail runs in the consumer's pauses.
   */
  paymentsBusy?: () => boolean;
  /** Events older than this send nothing (see MailHandlerDeps.maxEventAgeMs). */
  maxEventAgeMs: number;
  /** Of the topics it creates; unset: from the cluster's size. */
  replicationFactor?: number | undefined;
}

export interface RunningMailWorker {
  ready: Promise<void>;
  isConsuming: () => boolean;
  stop: () => Promise<void>;
}

/** The worker's mail: a consumer that records what events ask for, and the SMTP sender. */
export async function startMailWorker({
  kafka,
  groupId,
  prisma,
  logger,
  mailer,
  from,
  publicWebUrl,
  ticketSigningKey,
  emailTokenSecret,
  retry,
  pollIntervalMs,
  maxEventAgeMs,
  paymentsBusy,
  replicationFactor,
}: MailWorkerOptions): Promise<RunningMailWorker> {
  const renderer = await startTicketRenderer({ signingKey: ticketSigningKey, logger });
  // Whatever fails below stops the thread again, so a failed start leaves nothing running.
  try {
    const sender = startMailSender({
      prisma,
      mailer,
      logger,
      messageIdDomain: /@([^>\s]+)>?$/.exec(from)?.[1] ?? "ticketping.localhost",
      ticketAttachments: createTicketAttachments({ prisma, renderer }),
      retry,
      ...(pollIntervalMs ? { pollIntervalMs } : {}),
      ...(paymentsBusy ? { deferWhile: paymentsBusy } : {}),
    });
    const subscriptions = observeSubscriptions(
      createMailSubscriptions({
        prisma,
        logger,
        links: mailLinks(publicWebUrl),
        emailTokenSecret,
        wakeSender: sender.wake,
        maxEventAgeMs,
      }),
    ).map(({ definition, handle }) => ({
      definition,
      handle: async (...args: Parameters<typeof handle>) => {
        if (paymentsBusy) await giveWay({ isBusy: paymentsBusy, maxMs: 2_000 });
        await handle(...args);
      },
    }));
    const topics = subscriptions.map((subscription) => subscription.definition.topic);
    await ensureTopics(kafka, [...topics, ...topics.map(mailDeadLetterTopic)], {
      replicationFactor,
    });
    // Counted under the topic its dead letters go to, less the suffix ("<topic>.mail").
    const countedAs = (topic: string) =>
      mailDeadLetterTopic(topic).slice(0, -deadLetterTopic("").length);
    const deadLetters = new MailDeadLetterPublisher(kafka, registry, topics.map(countedAs));
    await deadLetters.connect();
    const running = await runEventConsumer({
      kafka,
      groupId,
      subscriptions,
      deadLetters,
      logger: logger.child({ component: "mail" }),
      // As the main group: an event published while the worker restarted is still mailed.
      fromBeginning: true,
      isTransient: isDatabaseUnavailable,
    });
    return {
      ready: running.ready,
      isConsuming: running.isConsuming,
      stop: async () => {
        await running.stop();
        await Promise.all([sender.stop(), deadLetters.disconnect()]);
        await renderer.stop();
      },
    };
  } catch (error) {
    await renderer.stop();
    throw error;
  }
}
