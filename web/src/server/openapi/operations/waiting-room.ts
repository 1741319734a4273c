import {
  clearedWorkingTokenSchema,
  queueTicketBodySchema,
  queueTicketSchema,
  storedWorkingTokenSchema,
  workingTokenBodySchema,
} from "../../queue/schemas";
import type { Operation } from "../operation";

const tag = "Waiting room";
const setCookie = {
  "Set-Cookie": { description: "`ticketping-working-token` (HttpOnly; SameSite=Lax; Path=/)." },
};

export const waitingRoomOperations: Operation[] = [
  {
    method: "post",
    path: "/api/queue/ticket",
    operationId: "issueQueueTicket",
    tag,
    summary: "A 60-second ticket to open one queue socket with",
    description:
      "The ticket opens the line of `performanceId` only (the queue service answers OTHER_PERFORMANCE for any other). The queue service refuses a second handshake with the same ticket: fetch a fresh one before every connection attempt. 30 tickets a minute per user. When the performance asks for a proof of work, a buyer's first ticket for it needs `pow` (a solved `GET /api/pow/challenge?purpose=queue&performanceId=…`); that grants an entry pass, and further tickets for the performance need none while they keep coming (each renews it for 6 hours). Unless the performance's organizer turned `requireVerifiedEmail` off, a buyer who has not confirmed their email address gets EMAIL_NOT_VERIFIED (checked before the proof of work, so none is spent). While the sale is in its presale (before the performance's `generalSaleOpensAt`), `presaleCode` must name a code of this performance with a use left, or be left out from QUEUE_PREQUEUE_LEAD_SECONDS before the general sale (the buyer then waits in the general sale's own pre-queue, shuffled in behind the presale's buyers when it opens): PRESALE_CODE_REQUIRED without one before that, PRESALE_CODE_INVALID for an unknown or revoked code, PRESALE_CODE_USED_UP when every use is spent (each with `details.generalSaleOpensAt` and `details.generalPreQueueOpensAt`, when a buyer without a code may line up for the general sale); the use is spent when the buyer claims the turn.",
    access: "session",
    body: queueTicketBodySchema,
    answers: { 200: { description: "The ticket.", data: queueTicketSchema } },
    errors: [
      "RATE_LIMITED",
      "NOT_FOUND",
      "EMAIL_NOT_VERIFIED",
      "PRESALE_CODE_REQUIRED",
      "PRESALE_CODE_INVALID",
      "PRESALE_CODE_USED_UP",
      "POW_REQUIRED",
      "POW_INVALID",
      "POW_EXPIRED",
      "POW_REPLAYED",
      "SERVICE_UNAVAILABLE",
    ],
  },
  {
    method: "post",
    path: "/api/queue/working-token",
    operationId: "storeWorkingToken",
    tag,
    summary: "Checks the working token the waiting room claimed and stores it in a cookie",
    description:
      "The token must be the signed-in buyer's live grant (signature, expiry, not released or revoked). A token for another performance replaces the cookie.",
    access: "session",
    body: workingTokenBodySchema,
    answers: {
      200: { description: "Stored.", data: storedWorkingTokenSchema, headers: setCookie },
    },
    errors: ["QUEUE_TOKEN_REQUIRED", "SERVICE_UNAVAILABLE"],
  },
  {
    method: "delete",
    path: "/api/queue/working-token",
    operationId: "clearWorkingToken",
    tag,
    summary: "Clears the working-token cookie (leaving the line is the queue service's)",
    access: "public",
    answers: {
      200: { description: "Cleared.", data: clearedWorkingTokenSchema, headers: setCookie },
    },
    errors: [],
  },
];
