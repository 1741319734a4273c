import { z } from "zod";
import { WaitlistStatus } from "@ticketping/db/browser";

/** Seats one waitlist entry may want together. */
export const MAX_WAITLIST_QUANTITY = 4;

export const joinWaitlistSchema = z.strictObject({
  quantity: z.number().int().min(1).max(MAX_WAITLIST_QUANTITY),
});
export type JoinWaitlistInput = z.infer<typeof joinWaitlistSchema>;

export const waitlistStatusSchema = z.enum(WaitlistStatus);

/** A waitlist offer as its buyer sees it: the seats held for them and until when. */
export const waitlistOfferSchema = z.strictObject({
  reservationId: z.uuid(),
  scheduleId: z.uuid(),
  performanceName: z.string(),
  startsAt: z.iso.datetime(),
  /** The venue's IANA time zone: the pages show the show time and the offer's end on its clock. */
  hallTimeZone: z.string(),
  seats: z.array(
    z.strictObject({ row: z.number().int(), column: z.number().int(), grade: z.string() }),
  ),
  amountMinor: z.number().int(),
  currency: z.string(),
  /** Until when the seats are held: the offer's end, or the hold's once accepted. */
  expiresAt: z.iso.datetime(),
  /** The buyer took the offer: it is an ordinary hold, to pay at checkout. */
  accepted: z.boolean(),
  /** The reservation's status: PENDING while the seats are held. */
  status: z.string(),
  /** The seats are still held for the buyer (PENDING, before expiresAt). */
  open: z.boolean(),
});
export type WaitlistOffer = z.infer<typeof waitlistOfferSchema>;

/** The signed-in buyer's entry in one show's waitlist. */
export const waitlistEntrySchema = z.strictObject({
  entryId: z.uuid(),
  scheduleId: z.uuid(),
  quantity: z.number().int().min(1).max(MAX_WAITLIST_QUANTITY),
  status: waitlistStatusSchema,
  joinedAt: z.iso.datetime(),
  /** 1 for the first in line; null unless WAITING. */
  position: z.number().int().min(1).nullable(),
  /** The open offer's reservation, while OFFERED. */
  offerReservationId: z.uuid().nullable(),
});
export type WaitlistEntryView = z.infer<typeof waitlistEntrySchema>;

/** A show's waitlist as a buyer may see it, with their own entry. */
export const showWaitlistSchema = z.strictObject({
  scheduleId: z.uuid(),
  /** The organizer closed it, or the show was cancelled: nobody can join. */
  closed: z.boolean(),
  /** No seat of the show is free: the waitlist is open to join. */
  soldOut: z.boolean(),
  /** Entries waiting for seats. */
  waiting: z.number().int().min(0),
  entry: waitlistEntrySchema.nullable(),
});
export type ShowWaitlist = z.infer<typeof showWaitlistSchema>;

/** The organizer's view of a show's waitlist. */
export const adminWaitlistSchema = z.strictObject({
  scheduleId: z.uuid(),
  /** Entries waiting for seats (the waitlist's length). */
  waiting: z.number().int().min(0),
  /** Entries holding an open offer. */
  offered: z.number().int().min(0),
  /** Entries that took their offer. */
  accepted: z.number().int().min(0),
  closedAt: z.iso.datetime().nullable(),
});
export type AdminWaitlist = z.infer<typeof adminWaitlistSchema>;
