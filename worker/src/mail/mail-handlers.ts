import { signEmailVerificationToken } from "@ticketping/common/accounts";
import {
  accountVerificationRequested,
  holdExpired,
  paymentFailed,
  paymentRefunded,
  reservationConfirmed,
  waitlistOffered,
} from "@ticketping/common/events";
import type { EventDefinition, EventOf } from "@ticketping/common/events";
import { subscribe, type Subscription } from "@ticketping/common/kafka";
import type { z } from "zod";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import type { MailLinks } from "./links";
import { loadRefundForMail } from "./load-refund";
import { loadReservationForMail, type ReservationForMail } from "./load-reservation";
import { loadVerificationForMail } from "./load-verification";
import { enqueueMails } from "./mail-ledger";
import { mailMetrics } from "./metrics";
import { mailTemplates, type MailTemplateName, type RenderedMail } from "./templates";
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

  /**
   * One kind of mail an event causes. A stale event mails nothing; otherwise `compose`
   * reads the state now and answers the mail, or null when the state says none is due.
   * The mail is recorded in the ledger under the event's id, so a redelivery adds nothing.
   */
  const mailOn = <Definition extends EventDefinition>(
    definition: Definition,
    {
      about,
      template,
      compose,
    }: {
      about: (event: EventOf<Definition>) => MailSubject;
      /** What the event mails, for the log when it mails nothing. */
      template: MailTemplateName;
      compose: (event: EventOf<Definition>) => Promise<ComposedMail | null>;
    },
  ): Subscription =>
    subscribe(definition, async (event) => {
      const stale = Date.now() - Date.parse(event.occurredAt) > deps.maxEventAgeMs;
      const composed = stale ? null : await compose(event);
      const added = composed
        ? await enqueueMails(prisma, [
            {
              ...composed.mail,
              eventId: event.id,
              recipient: composed.recipient,
              template: composed.template,
              ...(composed.ticketsOf === undefined ? {} : { ticketsOf: composed.ticketsOf }),
            },
          ])
        : 0;
      const recordedTemplate = composed?.template ?? template;
      if (added > 0) {
        mailMetrics.queued.inc({ template: recordedTemplate });
        deps.wakeSender();
      }
      deps.logger.info(
        { ...about(event), template: recordedTemplate, recorded: added > 0 },
        "mail event handled",
      );
    });

  /** A mail about one reservation, to its buyer, when `render` finds it due. */
  const reservationMailOn = (
    definition: ReservationEvent,
    template: MailTemplateName,
    render: (reservation: ReservationForMail, reservationId: string) => RenderedMail | null,
    { withTickets = false }: { withTickets?: boolean } = {},
  ): Subscription =>
    mailOn(definition, {
      about: (event) => ({ reservationId: reservationIdOf(event) }),
      template,
      compose: async (event) => {
        const reservationId = reservationIdOf(event);
        const reservation = await loadReservationForMail(prisma, reservationId);
        const mail = reservation ? render(reservation, reservationId) : null;
        if (!reservation || !mail) return null;
        return {
          mail,
          template,
          recipient: reservation.buyer.email,
          ...(withTickets ? { ticketsOf: reservationId } : {}),
        };
      },
    });

  const stillOpen = (reservation: ReservationForMail) =>
    reservation.status === "PENDING" && reservation.holdExpiresAt > new Date();

  return [
    reservationMailOn(
      reservationConfirmed,
      "order-confirmed",
      (reservation, reservationId) =>
        reservation.confirmedAt
          ? mailTemplates["order-confirmed"]({
              locale: reservation.buyer.locale,
              buyerName: reservation.buyer.name,
              show: reservation.show,
              seats: reservation.seats,
              amountMinor: reservation.amountMinor,
              currency: reservation.currency,
              reservationId,
              ticketsUrl: links.tickets(),
              tickets: reservation.tickets,
              ticketImageCid,
            })
          : null,
      { withTickets: true },
    ),

    // The hold stays after a decline: the buyer may pay again until it lapses, so the mail
    // links back to the checkout. A hold already over gets the lapse mail instead.
    reservationMailOn(paymentFailed, "payment-failed", (reservation, reservationId) =>
      stillOpen(reservation)
        ? mailTemplates["payment-failed"]({
            locale: reservation.buyer.locale,
            buyerName: reservation.buyer.name,
            show: reservation.show,
            holdExpiresAt: reservation.holdExpiresAt,
            checkoutUrl: links.checkout(reservationId),
          })
        : null,
    ),

    // hold.expired also comes from Redis's expiry notice before the hold is ended; every
    // source reports one hold under the same id, and only the EXPIRED state sends.
    reservationMailOn(holdExpired, "hold-lapsed", (reservation) =>
      reservation.status === "EXPIRED"
        ? mailTemplates["hold-lapsed"]({
            locale: reservation.buyer.locale,
            buyerName: reservation.buyer.name,
            show: reservation.show,
            performanceUrl: links.performance(reservation.show.slug),
          })
        : null,
    ),

    // Only an offer still open is mailed: one taken, declined or lapsed before the handler
    // ran has nothing left to offer.
    reservationMailOn(waitlistOffered, "waitlist-offer", (reservation, reservationId) =>
      stillOpen(reservation)
        ? mailTemplates["waitlist-offer"]({
            locale: reservation.buyer.locale,
            buyerName: reservation.buyer.name,
            show: reservation.show,
            seatCount: reservation.seats.length,
            offerExpiresAt: reservation.holdExpiresAt,
            offerUrl: links.waitlistOffer(reservationId),
          })
        : null,
    ),

    // One payment.refunded per refund (whoever records it first announces it), for the
    // buyer's own cancellation, a late or second payment, a refund at the provider, or an
    // organizer's refund (refundId); a cancelled show's buyers get the show-cancelled mail.
    mailOn(paymentRefunded, {
      about: (event) => ({ reservationId: event.payload.reservationId }),
      template: "refund-issued",
      compose: async (event) => {
        const { paymentId, refundId } = event.payload;
        const refund = await loadRefundForMail(prisma, { paymentId, refundId });
        if (refund?.status !== "REFUNDED" || refund.amountMinor <= 0) return null;
        const { reservation } = refund;
        const common = {
          locale: reservation.buyer.locale,
          buyerName: reservation.buyer.name,
          show: reservation.show,
          amountMinor: refund.amountMinor,
          currency: refund.currency,
          ticketsUrl: links.tickets(),
        };
        return refund.showCancelled
          ? {
              mail: mailTemplates["show-cancelled"](common),
              template: "show-cancelled",
              recipient: reservation.buyer.email,
            }
          : {
              mail: mailTemplates["refund-issued"]({ ...common, reason: refund.reason }),
              template: "refund-issued",
              recipient: reservation.buyer.email,
            };
      },
    }),

    // The link is signed here, as the mail is written, not by the web app at sign-up: the
    // event then carries only the verification's id, and the secret-bearing link exists in
    // the mail (and its ledger row until pruned), never in the outbox, Kafka's retained log
    // or a dead-letter topic. A link already used, lapsed or outdone (the address verified
    // another way) sends nothing.
    mailOn(accountVerificationRequested, {
      about: (event) => ({ verificationId: event.payload.verificationId }),
      template: "verify-address",
      compose: async (event) => {
        const { verificationId } = event.payload;
        const verification = await loadVerificationForMail(prisma, verificationId);
        if (!verification) return null;
        const token = signEmailVerificationToken({
          secret: deps.emailTokenSecret,
          verificationId,
          expiresAt: verification.expiresAt,
        });
        const mail = mailTemplates["verify-address"]({
          locale: verification.locale,
          name: verification.name,
          verifyUrl: links.verifyEmail(token),
          expiresInHours: Math.max(
            1,
            Math.round((verification.expiresAt.getTime() - Date.now()) / 3_600_000),
          ),
        });
        return { mail, template: "verify-address", recipient: verification.email };
      },
    }),
  ];
}

type MailSubject = { reservationId: string } | { verificationId: string };

interface ComposedMail {
  mail: RenderedMail;
  template: MailTemplateName;
  recipient: string;
  /** A reservation whose tickets go with the mail. */
  ticketsOf?: string;
}

/** The events whose mail is about one reservation. */
type ReservationEvent = EventDefinition<string, z.ZodType<{ reservationId: string }>>;

function reservationIdOf(event: EventOf<ReservationEvent>): string {
  return event.payload.reservationId;
}
