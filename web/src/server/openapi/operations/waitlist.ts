import { z } from "zod";
import { idParamsSchema } from "../../admin/schemas";
import { scheduleParamsSchema } from "../../booking/schemas";
import { cancelledReservationSchema, reservationParamsSchema } from "../../reservations/schemas";
import {
  adminWaitlistSchema,
  joinWaitlistSchema,
  showWaitlistSchema,
  waitlistOfferSchema,
} from "../../waitlist/schemas";
import type { Operation } from "../operation";
import { organizerOperation } from "./organizer-operation";

const tag = "Waitlist";
const waitlistAnswer = z.strictObject({ waitlist: showWaitlistSchema });
const offerAnswer = z.strictObject({ offer: waitlistOfferSchema });
const adminAnswer = z.strictObject({ waitlist: adminWaitlistSchema });
/** A show's waitlist as its buyers see it. */
const showWaitlist = { tag, access: "session", params: scheduleParamsSchema } as const;
/** One of the caller's waitlist offers. */
const ownOffer = { tag, access: "session", params: reservationParamsSchema } as const;
/** A show's waitlist in the organizer's console. */
const adminWaitlist = { ...organizerOperation, params: idParamsSchema } as const;

export const waitlistOperations: Operation[] = [
  {
    ...showWaitlist,
    method: "get",
    path: "/api/schedules/{scheduleId}/waitlist",
    operationId: "getShowWaitlist",
    summary: "A show's waitlist: open or closed, sold out or not, its length, the caller's entry",
    answers: { 200: { description: "The waitlist.", data: waitlistAnswer } },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...showWaitlist,
    method: "post",
    path: "/api/schedules/{scheduleId}/waitlist",
    operationId: "joinWaitlist",
    summary: "Joins a sold-out show's waitlist for 1 to 4 seats (no place in the queue needed)",
    description:
      "One entry per buyer and show, at the back of the line. `CONFLICT` with `details.reason` NOT_SOLD_OUT (a seat is free: book it) or ALREADY_JOINED; `SALE_CLOSED` when the sale is over or not yet open, with `details.reason` WAITLIST_CLOSED, SHOW_CANCELLED or NOT_OPEN_YET; `PRESALE_CODE_REQUIRED` (403) during the performance's presale, with `details.generalSaleOpensAt`; `VALIDATION_FAILED` above the performance's seats per booking.",
    body: joinWaitlistSchema,
    answers: { 201: { description: "Joined.", data: waitlistAnswer } },
    errors: [
      "PRESALE_CODE_REQUIRED",
      "NOT_FOUND",
      "CONFLICT",
      "SALE_CLOSED",
      "SERVICE_UNAVAILABLE",
    ],
  },
  {
    ...showWaitlist,
    method: "delete",
    path: "/api/schedules/{scheduleId}/waitlist",
    operationId: "leaveWaitlist",
    summary: "Leaves a show's waitlist while waiting",
    description:
      "`NOT_FOUND` when the caller is not waiting; `CONFLICT` with `details.reason` OFFER_OPEN while seats are held for them (decline the offer instead).",
    answers: { 200: { description: "Left.", data: waitlistAnswer } },
    errors: ["NOT_FOUND", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...ownOffer,
    method: "get",
    path: "/api/waitlist/offers/{reservationId}",
    operationId: "getWaitlistOffer",
    summary: "One of the caller's waitlist offers: the seats held for them and until when",
    description: "Anyone else's offer, or a reservation that is no offer, is `NOT_FOUND`.",
    answers: { 200: { description: "The offer.", data: offerAnswer } },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...ownOffer,
    method: "post",
    path: "/api/waitlist/offers/{reservationId}/accept",
    operationId: "acceptWaitlistOffer",
    summary: "Takes a waitlist offer: its seats become the caller's hold, paid at checkout",
    description:
      "The hold lasts the usual hold time from now (never less than the offer had left). No working token needed. `CONFLICT` with `details.reason` OFFER_ENDED once it was taken, declined or lapsed; anyone else's is `NOT_FOUND`.",
    answers: { 200: { description: "Accepted.", data: offerAnswer } },
    errors: ["NOT_FOUND", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...ownOffer,
    method: "post",
    path: "/api/waitlist/offers/{reservationId}/decline",
    operationId: "declineWaitlistOffer",
    summary: "Declines a waitlist offer: the seats go to the next entry that fits",
    description:
      "As releasing a hold: `CONFLICT` when it is no longer open; anyone else's is `NOT_FOUND`.",
    answers: { 200: { description: "Declined.", data: cancelledReservationSchema } },
    errors: ["NOT_FOUND", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    ...adminWaitlist,
    method: "get",
    path: "/api/admin/schedules/{id}/waitlist",
    operationId: "getAdminWaitlist",
    summary: "A show's waitlist: how many wait (its length), hold an offer, took one",
    answers: { 200: { description: "The waitlist.", data: adminAnswer } },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
  {
    ...adminWaitlist,
    method: "post",
    path: "/api/admin/schedules/{id}/waitlist/close",
    operationId: "closeWaitlist",
    summary: "Closes a show's waitlist: nobody joins, no more offers go out",
    description:
      "Waiting entries end CLOSED; offers already made stand until taken or lapsed. Closing again changes nothing. Cancelling a show closes its waitlist too.",
    answers: { 200: { description: "Closed.", data: adminAnswer } },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
];
