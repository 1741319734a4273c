export * from "./registry";
export * from "./http";
export * from "./scrape-auth";
export * from "./exposition";
