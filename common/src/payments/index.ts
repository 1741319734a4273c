export * from "./provider";
export * from "./env-fields";
export * from "./create-payment-provider";
export * from "./simulated-provider";
export * from "./simulated-format";
export { StripePaymentProvider, createStripeClient } from "./stripe-provider";
