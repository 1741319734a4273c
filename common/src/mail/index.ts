export * from "./env-fields";
export * from "./mailer";
