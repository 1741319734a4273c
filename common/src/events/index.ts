export * from "./define-event";
export * from "./catalog";
