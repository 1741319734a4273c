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
    const { outcomes, serviceLogs } = await runAbuse();
    // The report, for the test log (SECURITY.md quotes a run).
    console.info(abuseReport(outcomes));
    const notHeld = outcomes.filter((outcome) => !outcome.held);
    // What the services said explains an answer such as 500 INTERNAL.
    if (notHeld.length > 0) console.error(serviceLogs);
    expect(outcomes.length).toBeGreaterThanOrEqual(20);
    expect(notHeld).toEqual([]);
  }, 300_000);
});
