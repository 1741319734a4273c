import type { Counter, Histogram, Registry } from "prom-client";
import { counter, histogram } from "./registry";

export interface HttpMetrics {
  requests: Counter<"method" | "route" | "status">;
  duration: Histogram<"method" | "route">;
  /** Error answers by their stable code (VALIDATION_FAILED, SEAT_UNAVAILABLE, INTERNAL...). */
  errors: Counter<"route" | "code">;
}

/**
 * Routes are labelled by pattern (/api/holds/[reservationId]), never by path, so the
 * series stay few; the status is not on the histogram for the same reason.
 */
export function httpMetrics(registry: Registry): HttpMetrics {
  return {
    requests: counter(registry, {
      name: "ticketping_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"],
    }),
    duration: histogram(registry, {
      name: "ticketping_http_request_duration_seconds",
      help: "Time to answer an HTTP request, by method and route pattern",
      labelNames: ["method", "route"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    }),
    errors: counter(registry, {
      name: "ticketping_http_errors_total",
      help: "HTTP error answers by route pattern and error code",
      labelNames: ["route", "code"],
    }),
  };
}
