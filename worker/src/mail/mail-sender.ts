import type { Logger } from "@ticketping/common/logger";
import type { MailAttachment, Mailer } from "@ticketping/common/mail";
import type { PrismaClient } from "@ticketping/db";
import { giveWay } from "../payment-activity";
import { mailMetrics } from "./metrics";
import { claimDueMails, markMailFailed, markMailSent, type DueMail } from "./mail-ledger";

export interface MailRetryPolicy {
  /** Attempts before a mail is DEAD (parked for an operator). */
  attempts: number;
  /** Backoff after the first failure; doubles per attempt up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
}

export interface MailSenderOptions {
  prisma: PrismaClient;
  mailer: Mailer;
  logger: Logger;
  /** Domain of the stable Message-IDs (the From address's). */
  messageIdDomain: string;
  /** The files of a mail that carries a reservation's tickets, made at send time. */
  ticketAttachments: (reservationId: string) => Promise<MailAttachment[]>;
  retry: MailRetryPolicy;
  /** How often it looks for due mails when nobody woke it. */
  pollIntervalMs?: number;
  batchSize?: number;
  /** A claimed mail is retried after this if its sender died mid-send. */
  leaseMs?: number;
  /**
   * While this says so (the payment consumer is at work), a batch waits, up to
   * `maxDeferMs`: mail runs in the consumer's pauses, and still moves during a long rush.
   */
  deferWhile?: () => boolean;
  maxDeferMs?: number;
}

export interface RunningMailSender {
  /** Looks for due mails now (a handler just recorded some). */
  wake: () => void;
  /** Finishes the batch in hand, then stops. */
  stop: () => Promise<void>;
}

/** The delay before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelayMs(policy: MailRetryPolicy, attempts: number): number {
  return Math.min(policy.initialDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

/**
 * Sends the mail ledger's due mails over SMTP, apart from the Kafka consumers: an SMTP
 * outage delays mail, never events, and loses none. A failed attempt is retried with
 * exponential backoff; after the last one the mail is DEAD (status, last error and a
 * metric) and stays in the table, from where an operator can send it again.
 *
 * Exactly once as far as SMTP allows: a mail is SENT once the server accepted it. If the
 * process dies between the server's answer and that mark, the mail goes again after the
 * lease, with the same Message-ID (mail clients collapse the two).
 */
export function startMailSender({
  prisma,
  mailer,
  logger,
  messageIdDomain,
  ticketAttachments,
  retry,
  pollIntervalMs = 1_000,
  batchSize = 20,
  leaseMs = 60_000,
  deferWhile,
  maxDeferMs = 2_000,
}: MailSenderOptions): RunningMailSender {
  const log = logger.child({ component: "mail-sender" });
  const state = { stopping: false };
  let woken = false;
  let wakeUp: (() => void) | undefined;

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });

  const sendOne = async (mail: DueMail): Promise<void> => {
    try {
      const attachments = mail.ticketsOf ? await ticketAttachments(mail.ticketsOf) : undefined;
      await mailer.send({
        to: mail.recipient,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: `<${mail.id}@${messageIdDomain}>`,
        ...(attachments ? { attachments } : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = mail.attempts >= retry.attempts;
      const retryAt = new Date(Date.now() + retryDelayMs(retry, mail.attempts));
      await markMailFailed(prisma, { id: mail.id, error: message, retryAt, giveUp });
      mailMetrics.attempts.inc({ result: giveUp ? "dead" : "retry" });
      if (giveUp) {
        log.error({ mailId: mail.id, attempts: mail.attempts, err: error }, "mail dead");
      } else {
        log.warn({ mailId: mail.id, attempts: mail.attempts, retryAt, err: error }, "mail failed");
      }
      return;
    }
    await markMailSent(prisma, mail.id);
    mailMetrics.attempts.inc({ result: "sent" });
  };

  const sendDue = async (): Promise<number> => {
    if (deferWhile) {
      await giveWay({ isBusy: deferWhile, maxMs: maxDeferMs, stopping: () => state.stopping });
    }
    const due = await claimDueMails(prisma, { limit: batchSize, leaseMs });
    await Promise.all(due.map(sendOne));
    return due.length;
  };

  const loop = (async () => {
    while (!state.stopping) {
      let sent = 0;
      try {
        sent = await sendDue();
      } catch (error) {
        log.warn({ err: error }, "mail sending pass failed; retrying");
      }
      // A full batch means more may be due: go again at once.
      if (sent < batchSize) await pause(pollIntervalMs);
    }
  })();

  return {
    wake: () => {
      woken = true;
      wakeUp?.();
    },
    stop: async () => {
      state.stopping = true;
      woken = true;
      wakeUp?.();
      await loop;
    },
  };
}
