import "server-only";
import { counter, httpMetrics, processRegistry } from "@ticketping/common/metrics";

/** The process's registry: every route module instance of Next.js shares it (globalThis). */
export const registry = processRegistry();

export const httpSeries = httpMetrics(registry);

export const bookingMetrics = {
  holdsCreated: counter(registry, {
    name: "ticketping_holds_created_total",
    help: "Seat holds created (a PENDING reservation with its seats held)",
  }),
  holdsReleased: counter(registry, {
    name: "ticketping_holds_released_total",
    help: "Seat holds the buyer gave back before paying",
  }),
  webhooks: counter(registry, {
    name: "ticketping_webhooks_total",
    help: "Payment webhooks recorded, by outcome (payment-recorded, duplicate, ignored...)",
    labelNames: ["outcome"],
  }),
  webhookFailures: counter(registry, {
    name: "ticketping_webhook_failures_total",
    help: "Payment webhooks refused or failed (the provider delivers them again), by code",
    labelNames: ["code"],
  }),
};
