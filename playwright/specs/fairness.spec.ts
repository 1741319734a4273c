import { execFile } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { checkSale, fetchSaleRecord, type SaleRecord } from "@ticketping/verify";
import { expect, test } from "../fixtures/test";

const run = promisify(execFile);
// npm links every workspace's bin here, as `npx ticketping-verify` finds it.
const verifyCommand = path.resolve(
  import.meta.dirname,
  "../../node_modules/.bin/ticketping-verify",
);

/** The command's exit code and output for one sale. */
async function verifyWithCommand(
  baseUrl: string,
  performance: string,
  commitment: string,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(verifyCommand, [baseUrl, performance, "--commitment", commitment]);
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** Serves one fairness record as the API would: what a dishonest operator could publish. */
async function serveRecord(record: SaleRecord): Promise<{ url: string; close: () => void }> {
  const server = createServer((_request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ data: { fairness: record } }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

test("the pre-queue's order is committed before the first join, recomputes after the opening, and a tampered record does not", async ({
  newShow,
  newBuyer,
  line,
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const baseUrl = baseURL ?? "";
  // One admitted at a time, and nobody here books: the line stands still after the head.
  const target = await newShow({ label: "Fair Line", opensInMinutes: 0.5, maxActive: 1 });

  await page.goto(`/performances/${target.slug}`);
  const commitment = (await page.getByTestId("fairness-commitment").textContent()) ?? "";
  expect(commitment).toMatch(/^[0-9a-f]{64}$/);
  expect(await fetchSaleRecord({ baseUrl, performance: target.performanceId })).toMatchObject({
    commitment,
    seed: null,
    entrants: null,
    lineOrder: null,
  });
  await page.goto(`/performances/${target.slug}/fairness`);
  await expect(page.getByTestId("fairness-verdict")).toHaveAttribute(
    "data-outcome",
    "not-yet-revealed",
  );

  // One buyer in the browser first, then eight on sockets of their own.
  const buyer = await newBuyer("fair");
  await buyer.page.goto(`/queue/${target.performanceId}`);
  await expect(buyer.page.getByTestId("waiting-room")).toHaveAttribute("data-state", "pre");
  const pseudonym = (await buyer.page.getByTestId("fairness-pseudonym").textContent()) ?? "";
  expect(pseudonym).toMatch(/^[0-9a-f]{16}$/);
  await line(target.performanceId, 8);
  const committed = await fetchSaleRecord({ baseUrl, performance: target.slug });
  expect(committed.commitment).toBe(commitment);

  await expect
    .poll(
      async () => (await fetchSaleRecord({ baseUrl, performance: target.performanceId })).seed,
      { timeout: 60_000, intervals: [1_000] },
    )
    .not.toBeNull();
  const record = await fetchSaleRecord({ baseUrl, performance: target.performanceId });
  expect(record.commitment).toBe(commitment);
  expect(record.entrants).toHaveLength(9);
  expect(record.entrants?.[0]).toBe(pseudonym);
  expect(checkSale(record, { commitment })).toEqual({
    outcome: "matches",
    entrants: 9,
    singleRound: "no-general-round",
  });

  // The buyer's place in the real line is their place in the published order: the head
  // was admitted (to the performance page, with no show chosen), the rest wait behind it.
  const index = (record.lineOrder ?? []).indexOf(pseudonym);
  if (index === 0) {
    await expect(buyer.page).toHaveURL(new RegExp(`/performances/${target.slug}$`), {
      timeout: 15_000,
    });
  } else {
    await expect(buyer.page.getByTestId("queue-position")).toHaveText(String(index), {
      timeout: 15_000,
    });
  }

  const honest = await verifyWithCommand(baseUrl, target.performanceId, commitment);
  expect(honest.output).toContain("MATCHES");
  expect(honest.code).toBe(0);

  await page.goto(`/performances/${target.slug}/fairness`);
  await expect(page.getByTestId("fairness-verdict")).toHaveAttribute("data-outcome", "matches");
  await expect(page.getByTestId("fairness-verdict")).toContainText("Matches");

  const order = record.lineOrder ?? [];
  const tampered: SaleRecord[] = [
    { ...record, lineOrder: [order[1] ?? "", order[0] ?? "", ...order.slice(2)] },
    { ...record, seed: "0".repeat(64) },
    { ...record, entrants: [...(record.entrants ?? [])].reverse() },
  ];
  for (const forged of tampered) {
    expect(checkSale(forged, { commitment }).outcome).toBe("does-not-match");
    const served = await serveRecord(forged);
    try {
      const verdict = await verifyWithCommand(served.url, target.performanceId, commitment);
      expect(verdict.output).toContain("DOES NOT MATCH");
      expect(verdict.code).toBe(1);
    } finally {
      served.close();
    }
  }
});
