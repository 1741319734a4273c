// @ticketping/common/queue: the waiting room's protocol, key layout and tokens. Safe to
// import anywhere (no file access); the Lua-backed store is @ticketping/common/queue/store.
export * from "./codes";
export * from "./env-fields";
export * from "./ids";
export * from "./keys";
export * from "./position";
export * from "./wait-estimate";
export * from "./latency-window";
export * from "./protocol";
export * from "./queue-ticket";
export * from "./settings";
export * from "./working-token";
export * from "./entry";
export * from "./entry-rules";
export * from "./presale";
export * from "./presale-code-schema";
