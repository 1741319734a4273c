/**
 * Local-only secrets, so a fresh clone runs without a .env. Any process started with
 * NODE_ENV=production must refuse them (the published list of common/src/env has them).
 * A file of plain values, so that list takes them from here without loading the queue.
 */
export const DEVELOPMENT_QUEUE_TICKET_SECRET = "dev-only-queue-ticket-secret-change-me-0000";
export const DEVELOPMENT_QUEUE_TOKEN_SECRET = "dev-only-working-token-secret-change-me-000";
