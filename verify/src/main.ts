import { parseArgs } from "node:util";
import { checkSale } from "./check-sale";
import { fetchSaleRecord } from "./sale-record";

const usage = `usage: ticketping-verify <base URL> <performance id or slug> [--commitment <hex>]

Fetches the sale's fairness record, checks the revealed seed against its commitment,
recomputes the shuffle of the pre-queue and compares it with the published line.
--commitment: the commitment you noted before the sale opened, to check it did not change.
Exit code 0: matches. 1: does not match. 2: not revealed yet, or the record could not be read.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { commitment: { type: "string" }, help: { type: "boolean" } },
  });
  const [baseUrl, performance] = positionals;
  if (values.help || baseUrl === undefined || performance === undefined) {
    console.error(usage);
    return 2;
  }
  const record = await fetchSaleRecord({ baseUrl, performance });
  const verdict = checkSale(record, { commitment: values.commitment });
  console.log(`performance ${record.performanceId}, commitment ${record.commitment}`);
  switch (verdict.outcome) {
    case "matches":
      console.log(
        `MATCHES: the seed hashes to the commitment and reproduces the published line of ${verdict.entrants} pre-queued entrants.`,
      );
      return 0;
    case "not-yet-revealed":
      console.log(
        "NOT REVEALED YET: the sale has not opened; keep the commitment and run this again after.",
      );
      return 2;
    case "does-not-match":
      console.log("DOES NOT MATCH:");
      for (const reason of verdict.reasons) console.log(`  - ${reason}`);
      return 1;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`could not verify: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
