// @ticketping/common/queue/store: the queue's state in Redis, changed only by the Lua
// scripts in ../lua. Server-side only (reads the script files).
export * from "./queue-store";
export { defineQueueScripts, queueScriptSource, queueScripts } from "./load-scripts";
export * from "./booking-latency";
export { startLatencyPublisher } from "./start-latency-publisher";
