import { counter, histogram, processRegistry } from "@ticketping/common/metrics";

/** The worker's series, in the process registry its /metrics serves. */
export const registry = processRegistry();

export const workerMetrics = {
  eventsHandled: counter(registry, {
    name: "ticketping_worker_events_total",
    help: "Kafka events handled, by topic and result (ok, or failed: retried or dead-lettered)",
    labelNames: ["topic", "result"],
  }),
  eventDuration: histogram(registry, {
    name: "ticketping_worker_event_duration_seconds",
    help: "Time to handle one Kafka event attempt, by topic",
    labelNames: ["topic"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  }),
  payments: counter(registry, {
    name: "ticketping_payments_handled_total",
    help: "Completed payments applied, by outcome (confirmed, refund-late, refund-duplicate...)",
    labelNames: ["outcome"],
  }),
  reservationsConfirmed: counter(registry, {
    name: "ticketping_reservations_confirmed_total",
    help: "Reservations that became CONFIRMED (seats SOLD)",
  }),
  revenue: counter(registry, {
    name: "ticketping_revenue_minor_total",
    help: "Amount of confirmed reservations in minor units (cents), by currency",
    labelNames: ["currency"],
  }),
  webhookToConfirmed: histogram(registry, {
    name: "ticketping_webhook_to_confirmed_seconds",
    help: "From the payment webhook's event (payment.completed) to its reservation CONFIRMED",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
  }),
  waitlistOffers: counter(registry, {
    name: "ticketping_waitlist_offers_total",
    help: "Waitlist offers made: returned seats held for the next fitting entry's buyer",
  }),
  waitlistPassFailures: counter(registry, {
    name: "ticketping_waitlist_pass_failures_total",
    help: "Waitlist passes of one show that failed (the next pass tries that show again)",
  }),
  holdsExpired: counter(registry, {
    name: "ticketping_holds_expired_total",
    help: "Seat holds that lapsed unpaid: the reservation EXPIRED and its seats went back",
  }),
};

/** The payment outcomes that confirm a reservation: the ones that count as sales. */
export const CONFIRMED_OUTCOMES: readonly string[] = ["confirmed", "confirmed-late"];

/** A completed payment was applied (not a redelivery): the sales series. */
export function recordPaymentApplied({
  outcome,
  amountMinor,
  currency,
  occurredAt,
}: {
  outcome: string;
  amountMinor: number;
  currency: string;
  /** When the webhook recorded the payment (the event's time). */
  occurredAt: string;
}): void {
  workerMetrics.payments.inc({ outcome });
  if (!CONFIRMED_OUTCOMES.includes(outcome)) return;
  workerMetrics.reservationsConfirmed.inc();
  workerMetrics.revenue.inc({ currency }, amountMinor);
  const seconds = (Date.now() - Date.parse(occurredAt)) / 1_000;
  if (Number.isFinite(seconds)) workerMetrics.webhookToConfirmed.observe(Math.max(0, seconds));
}
