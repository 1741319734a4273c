import type { Attributes, Context, Link, SpanKind } from "@opentelemetry/api";
import {
  ParentBasedSampler,
  SamplingDecision,
  type Sampler,
  type SamplingResult,
} from "@opentelemetry/sdk-trace-node";

/**
 * Drops the traces of requests to `paths` (the path of the root span's `http.target`, as
 * Next.js sets it; any query ignored), and keeps every other. Prometheus scrapes and
 * health checks arrive every few seconds: traced, they would bury the purchases in Zipkin.
 * Spans under a dropped root are dropped with it (the parent's decision is followed).
 */
export function untracedPathsSampler(paths: readonly string[]): Sampler {
  const untraced = new Set(paths);
  const root: Sampler = {
    shouldSample(
      _context: Context,
      _traceId: string,
      _spanName: string,
      _spanKind: SpanKind,
      attributes: Attributes,
      _links: Link[],
    ): SamplingResult {
      const target = attributes["http.target"];
      const path = typeof target === "string" ? target.split("?", 1)[0] : undefined;
      return {
        decision:
          path !== undefined && untraced.has(path)
            ? SamplingDecision.NOT_RECORD
            : SamplingDecision.RECORD_AND_SAMPLED,
      };
    },
    toString: () => `UntracedPaths{${[...untraced].join(",")}}`,
  };
  return new ParentBasedSampler({ root });
}
