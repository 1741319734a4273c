import { parseArgs } from "node:util";
import { checkSale } from "./check-sale";
import { fetchSaleRecord } from "./sale-record";
import { describeSingleRound } from "./describe-single-round";

const usage = `usage: ticketping-verify <base URL> <performance id or slug> [--commitment <hex>]
                        [--general-commitment <hex>]

Fetches the sale's fairness record, checks the revealed seed against its commitment,
recomputes the shuffle of the pre-queue and compares it with the published line; after a
presale, does the same for the general sale's own pre-queue, seed and commitment. It also
fails when both rounds have one commitment (one seed), when a round lists a buyer twice,
and when a presale's general sale opened over 5 minutes ago with no round of its own; a
sale with one round only says so.
--commitment: the commitment you noted before the sale opened, to check it did not change.
--general-commitment: likewise, the general sale's, noted before its pre-queue opened.
Exit code 0: matches. 1: does not match. 2: not revealed yet, or the record could not be read.`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      commitment: { type: "string" },
      "general-commitment": { type: "string" },
      help: { type: "boolean" },
    },
  });
  const [baseUrl, performance] = positionals;
  if (values.help || baseUrl === undefined || performance === undefined) {
    console.error(usage);
    return 2;
  }
  const record = await fetchSaleRecord({ baseUrl, performance });
  const verdict = checkSale(record, {
    commitment: values.commitment,
    generalCommitment: values["general-commitment"],
  });
  console.log(`performance ${record.performanceId}, commitment ${record.commitment}`);
  if (record.generalSale) {
    console.log(
      `general sale at ${record.generalSale.opensAt}, commitment ${record.generalSale.commitment}`,
    );
  }
  switch (verdict.outcome) {
    case "matches":
      console.log(
        `MATCHES: the seed hashes to the commitment and reproduces the published line of ${verdict.entrants} pre-queued entrants.`,
      );
      if (verdict.generalEntrants !== undefined) {
        console.log(
          `MATCHES: the general sale's seed hashes to its commitment and reproduces its published line of ${verdict.generalEntrants} pre-queued entrants.`,
        );
      }
      if (verdict.singleRound !== undefined) console.log(describeSingleRound(verdict.singleRound));
      for (const note of verdict.notes ?? []) console.log(`NOTE: ${note}`);
      return 0;
    case "not-yet-revealed":
      console.log(
        verdict.opening
          ? `NOT REVEALED YET: the opening's line of ${verdict.opening.entrants} pre-queued entrants matches; the general sale has not opened. Keep its commitment and run this again after.`
          : "NOT REVEALED YET: the sale has not opened; keep the commitment and run this again after.",
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
