// @ticketping/common/cache: process-local memos with a size cap (and optional TTL).
export * from "./bounded-cache";
