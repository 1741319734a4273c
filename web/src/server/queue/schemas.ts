import { presaleCodeSchema } from "@ticketping/common/queue";
import { z } from "zod";
import { powSolutionSchema } from "../pow/schemas";

// Inputs and answers of the waiting room's web APIs.

/** Working tokens are short JWTs; anything longer is not one of ours. */
export const workingTokenBodySchema = z.object({ token: z.string().min(1).max(2048) }).strict();

export const queueTicketSchema = z.strictObject({
  ticket: z.string().describe("Pass as `auth: { ticket }` when opening the queue socket."),
  expiresAt: z.iso.datetime().describe("The queue service refuses the ticket from then on."),
  queueUrl: z.string().describe("Where the browser opens the socket (QUEUE_PUBLIC_URL)."),
});
export type QueueTicket = z.infer<typeof queueTicketSchema>;

export const storedWorkingTokenSchema = z.strictObject({
  performanceId: z.uuid(),
  expiresAt: z.iso.datetime(),
});
export type StoredWorkingToken = z.infer<typeof storedWorkingTokenSchema>;

export const clearedWorkingTokenSchema = z.strictObject({ cleared: z.literal(true) });
export type ClearedWorkingToken = z.infer<typeof clearedWorkingTokenSchema>;

/** POST /api/queue/ticket */
export const queueTicketBodySchema = z.object({
  performanceId: z
    .uuid()
    .describe("The performance whose line the socket will join; the ticket opens that one only."),
  pow: powSolutionSchema
    .optional()
    .describe(
      "A solved `GET /api/pow/challenge?purpose=queue&performanceId=…`, when the performance asks for a proof of work and this buyer holds no entry pass for it yet.",
    ),
  presaleCode: presaleCodeSchema
    .optional()
    .describe(
      "The buyer's presale code, needed while the performance's sale is in its presale (before `generalSaleOpensAt`); ignored outside it.",
    ),
});
export type QueueTicketBody = z.infer<typeof queueTicketBodySchema>;
