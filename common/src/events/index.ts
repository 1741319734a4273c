export * from "./define-event";
export * from "./catalog";
export * from "./outbox";
