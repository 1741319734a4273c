import { z } from "zod";

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
