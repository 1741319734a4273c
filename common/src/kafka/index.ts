export * from "./client";
export * from "./publisher";
export * from "./consumer";
export * from "./broker-probe";
export * from "./consumer-health";
export * from "./topic-replication";
export * from "./read-group-progress";
