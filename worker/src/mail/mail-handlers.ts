import { signEmailVerificationToken } from "@ticketping/common/accounts";
import {
  accountVerificationRequested,
  holdExpired,
  paymentFailed,
  paymentRefunded,
  reservationConfirmed,
  waitlistOffered,
} from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import type { MailLinks } from "./links";
import { loadRefundForMail } from "./load-refund";
import { loadReservationForMail } from "./load-reservation";
import { loadVerificationForMail } from "./load-verification";
import { enqueueMails, type QueuedMail } from "./mail-ledger";
import { mailMetrics } from "./metrics";
import { mailTemplates, type MailTemplateName } from "./templates";
import { ticketImageCid } from "./ticket-attachments";

export interface MailHandlerDeps {
  prisma: PrismaClient;
  logger: Logger;
  links: MailLinks;
  /** Signs the link of a verification mail (EMAIL_TOKEN_SECRET, the web app's too). */
  emailTokenSecret: string;
  /** Tells the sender that new mail is waiting. */
  wakeSender: () => void;
  /**
   * Events older than this cause no mail: a new consumer group (the first deploy, a group
   * reset) reads the topics from their oldest message, and buyers must not get last
   * week's confirmations again.
   */
  maxEventAgeMs: number;
}

/**
 * The mails events cause. Each handler only records its mail in the ledger (rendered, keyed
 * by event, recipient and template) and wakes the sender: no SMTP in the Kafka path, and a
 * redelivered event finds its mail already recorded. State decides, not the event alone:
 * a mail goes out only when the reservation is where the mail says it is.
 */
export function createMailSubscriptions(deps: MailHandlerDeps): Subscription[] {
  const { prisma, links } = deps;

  const stale = (occurredAt: string) => Date.now() - Date.parse(occurredAt) > deps.maxEventAgeMs;
  const record = async (
    about: { reservationId: string } | { verificationId: string },
    template: MailTemplateName,
    mail: QueuedMail | null,
  ): Promise<void> => {
    const added = mail ? await enqueueMails(prisma, [mail]) : 0;
    if (added > 0) {
      mailMetrics.queued.inc({ template });
      deps.wakeSender();
    }
    deps.logger.info({ ...about, template, recorded: added > 0 }, "mail event handled");
  };

  return [
    subscribe(reservationConfirmed, async (event) => {
      const { reservationId } = event.payload;
      const template = "order-confirmed";
      const reservation = stale(event.occurredAt)
        ? null
        : await loadReservationForMail(prisma, reservationId);
      if (!reservation?.confirmedAt) return record({ reservationId }, template, null);
      const mail = mailTemplates[template]({
        locale: reservation.buyer.locale,
        buyerName: reservation.buyer.name,
        show: reservation.show,
        seats: reservation.seats,
        amountMinor: reservation.amountMinor,
        currency: reservation.currency,
        reservationId: event.payload.reservationId,
        ticketsUrl: links.tickets(),
        tickets: reservation.tickets,
        ticketImageCid,
      });
      await record({ reservationId }, template, {
        ...mail,
        eventId: event.id,
        recipient: reservation.buyer.email,
        template,
        ticketsOf: reservationId,
      });
    }),

    // The hold stays after a decline: the buyer may pay again until it lapses, so the mail
    // links back to the checkout. A hold already over gets the lapse mail instead.
    subscribe(paymentFailed, async (event) => {
      const { reservationId } = event.payload;
      const template = "payment-failed";
      const reservation = stale(event.occurredAt)
        ? null
        : await loadReservationForMail(prisma, reservationId);
      if (reservation?.status !== "PENDING" || reservation.holdExpiresAt <= new Date()) {
        return record({ reservationId }, template, null);
      }
      const mail = mailTemplates[template]({
        locale: reservation.buyer.locale,
        buyerName: reservation.buyer.name,
        show: reservation.show,
        holdExpiresAt: reservation.holdExpiresAt,
        checkoutUrl: links.checkout(event.payload.reservationId),
      });
      await record({ reservationId }, template, {
        ...mail,
        eventId: event.id,
        recipient: reservation.buyer.email,
        template,
      });
    }),

    // hold.expired also comes from Redis's expiry notice before the hold is ended; every
    // source reports one hold under the same id, and only the EXPIRED state sends.
    subscribe(holdExpired, async (event) => {
      const { reservationId } = event.payload;
      const template = "hold-lapsed";
      const reservation = stale(event.occurredAt)
        ? null
        : await loadReservationForMail(prisma, reservationId);
      if (reservation?.status !== "EXPIRED") return record({ reservationId }, template, null);
      const mail = mailTemplates[template]({
        locale: reservation.buyer.locale,
        buyerName: reservation.buyer.name,
        show: reservation.show,
        performanceUrl: links.performance(reservation.show.slug),
      });
      await record({ reservationId }, template, {
        ...mail,
        eventId: event.id,
        recipient: reservation.buyer.email,
        template,
      });
    }),

    // One payment.refunded per refund (whoever records it first announces it), for the
    // buyer's own cancellation, a late or second payment, a refund at the provider, or an
    // organizer's refund (refundId); a cancelled show's buyers get the show-cancelled mail.
    subscribe(paymentRefunded, async (event) => {
      const { reservationId, paymentId, refundId } = event.payload;
      const refund = stale(event.occurredAt)
        ? null
        : await loadRefundForMail(prisma, { paymentId, refundId });
      const template = refund?.showCancelled ? "show-cancelled" : "refund-issued";
      if (refund?.status !== "REFUNDED" || refund.amountMinor <= 0) {
        return record({ reservationId }, template, null);
      }
      const { reservation } = refund;
      const common = {
        locale: reservation.buyer.locale,
        buyerName: reservation.buyer.name,
        show: reservation.show,
        amountMinor: refund.amountMinor,
        currency: refund.currency,
        ticketsUrl: links.tickets(),
      };
      const mail = refund.showCancelled
        ? mailTemplates["show-cancelled"](common)
        : mailTemplates["refund-issued"]({ ...common, reason: refund.reason });
      await record({ reservationId }, template, {
        ...mail,
        eventId: event.id,
        recipient: reservation.buyer.email,
        template,
      });
    }),

    // Only an offer still open is mailed: one taken, declined or lapsed before the handler
    // ran has nothing left to offer.
    subscribe(waitlistOffered, async (event) => {
      const { reservationId } = event.payload;
      const template = "waitlist-offer";
      const reservation = stale(event.occurredAt)
        ? null
        : await loadReservationForMail(prisma, reservationId);
      if (reservation?.status !== "PENDING" || reservation.holdExpiresAt <= new Date()) {
        return record({ reservationId }, template, null);
      }
      const mail = mailTemplates[template]({
        locale: reservation.buyer.locale,
        buyerName: reservation.buyer.name,
        show: reservation.show,
        seatCount: reservation.seats.length,
        offerExpiresAt: reservation.holdExpiresAt,
        offerUrl: links.waitlistOffer(reservationId),
      });
      await record({ reservationId }, template, {
        ...mail,
        eventId: event.id,
        recipient: reservation.buyer.email,
        template,
      });
    }),

    // The link is signed here, as the mail is written, not by the web app at sign-up: the
    // event then carries only the verification's id, and the secret-bearing link exists in
    // the mail (and its ledger row until pruned), never in the outbox, Kafka's retained log
    // or a dead-letter topic. A link already used, lapsed or outdone (the address verified
    // another way) sends nothing.
    subscribe(accountVerificationRequested, async (event) => {
      const { verificationId } = event.payload;
      const template = "verify-address";
      const verification = stale(event.occurredAt)
        ? null
        : await loadVerificationForMail(prisma, verificationId);
      if (!verification) return record({ verificationId }, template, null);
      const token = signEmailVerificationToken({
        secret: deps.emailTokenSecret,
        verificationId,
        expiresAt: verification.expiresAt,
      });
      const mail = mailTemplates[template]({
        locale: verification.locale,
        name: verification.name,
        verifyUrl: links.verifyEmail(token),
        expiresInHours: Math.max(
          1,
          Math.round((verification.expiresAt.getTime() - Date.now()) / 3_600_000),
        ),
      });
      await record({ verificationId }, template, {
        ...mail,
        eventId: event.id,
        recipient: verification.email,
        template,
      });
    }),
  ];
}
