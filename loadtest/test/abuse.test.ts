import { describe, expect, it } from "vitest";
import { runAbuse } from "../src/abuse/run-abuse";
import { abuseReport } from "../src/abuse/report";

/**
 * The abuse suite (`npm run abuse`): the whole system as shipped, attacked from outside
 * from many loopback addresses. Every attack must meet its refusal, with its code and
 * status. Needs `npm run build -w @ticketping/web`.
 */
describe("the abuse suite", () => {
  it("refuses every attack with its stable code and status", async () => {
    const outcomes = await runAbuse();
    // The report, for the test log (SECURITY.md quotes a run).
    console.info(abuseReport(outcomes));
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    expect(outcomes.filter((outcome) => !outcome.held)).toEqual([]);
  }, 300_000);
});
