/**
 * Next.js calls this once when the server starts, before it serves anything. Tracing is
 * registered here so Next.js's own spans (one SERVER span per request, one per route
 * handler) and ours share a provider, and the webhook's outbox row gets their context.
 */
export async function register(): Promise<void> {
  // Next.js sets NEXT_RUNTIME per bundle (it is not configuration); the Edge runtime has
  // no async context to carry spans and runs none of our server code. The Node.js part
  // lives in its own module so the Edge bundle never compiles its Node.js APIs.
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startNodeInstrumentation } = await import("./instrumentation-node");
  startNodeInstrumentation();
}
