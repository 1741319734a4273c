import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { tracer } from "./spans";
import { startTracing, type Tracing } from "./start-tracing";

let tracing: Tracing | undefined;
let server: Server | undefined;

afterEach(async () => {
  await tracing?.shutdown();
  tracing = undefined;
  await new Promise<void>((resolve) => {
    if (!server) resolve();
    else
      server.close(() => {
        resolve();
      });
  });
  server = undefined;
});

/** A span intake that answers as Zipkin does: 400 for a timestamp that is not a whole number. */
async function startIntake(received: unknown[]): Promise<string> {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const spans = JSON.parse(Buffer.concat(chunks).toString()) as {
        timestamp: number;
        duration: number;
      }[];
      const whole = spans.every(
        (span) => Number.isInteger(span.timestamp) && Number.isInteger(span.duration),
      );
      if (whole) received.push(...spans);
      response.writeHead(whole ? 202 : 400).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return `http://127.0.0.1:${port}/api/v2/spans`;
}

describe("spans sent to Zipkin", () => {
  it("start on a whole microsecond, even when started at a fractional time (as Next.js does)", async () => {
    const received: unknown[] = [];
    tracing = startTracing({
      serviceName: "zipkin-test",
      zipkinEndpoint: await startIntake(received),
    });
    const startedMs = Date.now() - 5 + 0.123_456_7;
    tracer().startSpan("fractional", { startTime: startedMs }).end();
    tracer().startSpan("whole").end();
    await tracing.flush();

    expect(received).toHaveLength(2);
    expect(received).toContainEqual(
      expect.objectContaining({ name: "fractional", timestamp: Math.round(startedMs * 1_000) }),
    );
  });
});
