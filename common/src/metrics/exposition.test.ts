import { describe, expect, it } from "vitest";
import { familyNames, parseExposition, sumSamples } from "./exposition";

const text = `# HELP ticketping_http_requests_total HTTP requests
# TYPE ticketping_http_requests_total counter
ticketping_http_requests_total{method="GET",route="/api/x",status="200"} 3
ticketping_http_requests_total{method="POST",route="/api/x",status="201"} 2
# TYPE ticketping_latency_seconds histogram
ticketping_latency_seconds_bucket{le="+Inf"} 4
ticketping_latency_seconds_sum 1.5
ticketping_latency_seconds_count 4
odd_label{path="a\\"b"} 1
`;

describe("exposition", () => {
  it("parses samples with labels, escapes included", () => {
    const samples = parseExposition(text);
    expect(samples).toHaveLength(6);
    expect(samples.at(-1)).toEqual({ name: "odd_label", labels: { path: 'a"b' }, value: 1 });
  });

  it("sums a family, or the series matching some labels", () => {
    const samples = parseExposition(text);
    expect(sumSamples(samples, "ticketping_http_requests_total")).toBe(5);
    expect(sumSamples(samples, "ticketping_http_requests_total", { status: "201" })).toBe(2);
    expect(sumSamples(samples, "missing")).toBe(0);
  });

  it("names families and their series", () => {
    const names = familyNames(text);
    expect(names.has("ticketping_latency_seconds")).toBe(true);
    expect(names.has("ticketping_latency_seconds_bucket")).toBe(true);
    expect(names.has("ticketping_http_requests_total")).toBe(true);
  });
});
