import { createServer, type Server } from "node:http";
import { z } from "zod";

/** The fields of Zipkin's JSON v2 span that the tests read. */
const zipkinSpan = z.object({
  traceId: z.string(),
  id: z.string(),
  parentId: z.string().optional(),
  name: z.string(),
  // Zipkin itself refuses a batch with a fractional timestamp or duration (400).
  timestamp: z.number().int().positive(),
  duration: z.number().int().nonnegative().optional(),
  kind: z.enum(["CLIENT", "SERVER", "PRODUCER", "CONSUMER"]).optional(),
  localEndpoint: z.object({ serviceName: z.string() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type ZipkinSpan = z.infer<typeof zipkinSpan>;

export interface ZipkinReceiver {
  /** What to set OTEL_EXPORTER_ZIPKIN_ENDPOINT to. */
  endpoint: string;
  /** Every span received so far, from every process that reports here. */
  spans: ZipkinSpan[];
  close: () => Promise<void>;
}

/**
 * Zipkin's span intake (POST /api/v2/spans) as the processes under test see it: they
 * export with their real Zipkin exporter, and the test reads what arrived, in memory.
 */
export async function startZipkinReceiver(): Promise<ZipkinReceiver> {
  const spans: ZipkinSpan[] = [];
  const server: Server = createServer((request, response) => {
    if (request.method !== "POST" || request.url !== "/api/v2/spans") {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const parsed = z.array(zipkinSpan).safeParse(JSON.parse(Buffer.concat(chunks).toString()));
      if (!parsed.success) {
        response.writeHead(400).end(parsed.error.message);
        return;
      }
      spans.push(...parsed.data);
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}/api/v2/spans`,
    spans,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
