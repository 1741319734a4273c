/**
 * For interactive transactions that arrive in bursts (webhooks, sign-ups): the burst
 * queues for the connection pool, and sign-ups hash their passwords on the same event loop
 * the transaction's round trips need. Prisma's defaults (2 s to get a connection, 5 s to
 * finish) would turn that queue into refusals; waiting a few seconds more is the better
 * answer, for a webhook Stripe would deliver again in a burst and for a person signing up.
 */
export const BURST_TRANSACTION_OPTIONS = { maxWait: 8_000, timeout: 10_000 } as const;
