import { startTracingFromEnv } from "@ticketping/common/tracing";
import { installPeerAddressStamp } from "./server/http/peer-address";
import { installMethodNotAllowed } from "./server/http/method-not-allowed";
import { logger } from "./server/logger";

/** The Node.js half of instrumentation.ts: only that runtime imports it. */
export function startNodeInstrumentation(): void {
  // Before the first request: per-address limits need every request's TCP peer.
  installPeerAddressStamp();
  installMethodNotAllowed();
  const tracing = startTracingFromEnv({
    serviceName: "web",
    logger,
    // Prometheus and the probes call these every few seconds: no purchase would show.
    untracedPaths: ["/api/metrics", "/api/health", "/api/ready"],
  });
  if (!tracing.enabled) return;
  // Next.js exits on its own once the last request is answered; send the remaining spans
  // meanwhile (spans are also sent every second, so little is ever left).
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void tracing.flush());
  }
}
