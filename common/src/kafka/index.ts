export * from "./client";
export * from "./publisher";
export * from "./consumer";
