/**
 * Next.js calls this once when the server starts, before it serves anything. Tracing is
 * registered here so Next.js's own spans (one SERVER span per request, one per route
 * handler) and ours share a provider, and the webhook's outbox row gets their context.
 */
export async function register(): Promise<void> {
  // Next.js sets NEXT_RUNTIME per bundle (it is not configuration); the Edge runtime has
  // no async context to carry spans and runs none of our server code.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ startTracingFromEnv }, { logger }] = await Promise.all([
    import("@ticketping/common/tracing"),
    import("./server/logger"),
  ]);
  const tracing = startTracingFromEnv({ serviceName: "web", logger });
  if (!tracing.enabled) return;
  // Next.js exits on its own once the last request is answered; send the remaining spans
  // meanwhile (spans are also sent every second, so little is ever left).
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => void tracing.flush());
  }
}
