export * from "./provider";
export * from "./env-fields";
export * from "./create-payment-provider";
export * from "./simulated-provider";
export { StripePaymentProvider, createStripeClient } from "./stripe-provider";
