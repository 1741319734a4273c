// Safe for client components: enums and model types, no client, no database driver.
export * from "./generated/browser";
