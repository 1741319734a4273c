import { z } from "zod";

const vectorAnswer = z.object({
  status: z.literal("success"),
  data: z.object({
    resultType: z.string(),
    result: z.array(z.object({ metric: z.record(z.string(), z.string()) })),
  }),
});

const targetsAnswer = z.object({
  status: z.literal("success"),
  data: z.object({
    activeTargets: z.array(
      z.object({
        labels: z.record(z.string(), z.string()),
        health: z.string(),
        lastError: z.string(),
      }),
    ),
  }),
});

/** The Prometheus HTTP API calls the monitoring test makes. */
export class PrometheusApi {
  constructor(private readonly baseUrl: string) {}

  /** An instant query; throws with Prometheus's message when the query is refused. */
  async query(expr: string): Promise<z.infer<typeof vectorAnswer>["data"]["result"]> {
    const response = await fetch(`${this.baseUrl}/api/v1/query`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ query: expr }),
    });
    const body: unknown = await response.json();
    if (!response.ok) throw new Error(`query ${expr} refused: ${JSON.stringify(body)}`);
    return vectorAnswer.parse(body).data.result;
  }

  /** Health of each scraped target by job ("up", "down", "unknown"), with the last error. */
  async targets(): Promise<Record<string, { health: string; lastError: string }[]>> {
    const response = await fetch(`${this.baseUrl}/api/v1/targets?state=active`);
    const { data } = targetsAnswer.parse(await response.json());
    const byJob: Record<string, { health: string; lastError: string }[]> = {};
    for (const target of data.activeTargets) {
      const job = target.labels.job ?? "";
      (byJob[job] ??= []).push({ health: target.health, lastError: target.lastError });
    }
    return byJob;
  }
}
