// @ticketping/common/cache: process-local memos with a size cap (and optional TTL), and
// the batcher that turns a crowd's concurrent lookups into a few round trips.
export * from "./bounded-cache";
export * from "./create-batcher";
export * from "./create-grouped-batcher";
export * from "./remembered-lookup";
