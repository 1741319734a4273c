import { z } from "zod";

const span = z.object({
  traceId: z.string(),
  id: z.string(),
  parentId: z.string().optional(),
  name: z.string().optional(),
  kind: z.string().optional(),
  localEndpoint: z.object({ serviceName: z.string().optional() }).optional(),
  tags: z.record(z.string(), z.string()).optional(),
});
export type StoredSpan = z.infer<typeof span>;

/**
 * The traces Zipkin stored in which some span carries the tag `key=value`, through its
 * query API (GET /api/v2/traces?annotationQuery=...), each as the list of its spans.
 */
export async function findTraces(
  zipkinUrl: string,
  { key, value }: { key: string; value: string },
): Promise<StoredSpan[][]> {
  const query = new URLSearchParams({
    annotationQuery: `${key}=${value}`,
    limit: "100",
    lookback: String(60 * 60 * 1_000),
  });
  const response = await fetch(`${zipkinUrl}/api/v2/traces?${query.toString()}`);
  if (!response.ok) throw new Error(`Zipkin answered ${response.status} to ${query.toString()}`);
  return z.array(z.array(span)).parse(await response.json());
}

/** The latest traces in which `serviceName` took part (GET /api/v2/traces?serviceName=...). */
export async function findServiceTraces(
  zipkinUrl: string,
  serviceName: string,
): Promise<StoredSpan[][]> {
  const query = new URLSearchParams({
    serviceName,
    limit: "1000",
    lookback: String(60 * 60 * 1_000),
  });
  const response = await fetch(`${zipkinUrl}/api/v2/traces?${query.toString()}`);
  if (!response.ok) throw new Error(`Zipkin answered ${response.status} to ${query.toString()}`);
  return z.array(z.array(span)).parse(await response.json());
}
