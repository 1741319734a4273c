import { crowdContext } from "../buyer/crowd-context";
import type { BuyerResult } from "../buyer/context";
import { planBuyers } from "../buyer/plan";
import { runCrowd } from "../buyer/run-crowd";
import { HttpClient } from "../clients/http-client";
import { WebApi } from "../clients/web-api";
import { Recorder } from "../metrics/recorder";
import { createRandom } from "../random";
import { seedBuyers } from "../seed/seed-buyers";
import type { SeededSale } from "../seed/seed-sale";
import type { RunningSystem } from "../system/start-system";

/**
 * A few buyers, each the load test's buyer (the waiting room's session door, a hold, the
 * checkout, the simulated payment page, the wait for the confirmation), all meaning to
 * buy: real traffic through web, queue-service and worker. Resolves when every one has
 * finished or `timeLimitSeconds` passed.
 */
export async function runPurchases({
  system,
  sale,
  buyers,
  label,
  timeLimitSeconds,
  holdTtlSeconds,
}: {
  system: RunningSystem;
  sale: SeededSale;
  buyers: number;
  /** Makes the accounts of this batch unique in the run's database. */
  label: string;
  timeLimitSeconds: number;
  holdTtlSeconds: number;
}): Promise<BuyerResult[]> {
  const identities = await seedBuyers(system.database.prisma, {
    count: buyers,
    runId: label,
    nextAuthSecret: system.nextAuthSecret,
  });
  const random = createRandom(buyers);
  const http = new HttpClient(system.webUrl, { maxSockets: buyers, timeoutMs: 30_000 });
  try {
    return await runCrowd({
      identities,
      plans: planBuyers(buyers, { abandonRate: 0 }, random),
      timeLimitSeconds,
      log: () => undefined,
      progressLine: () => "",
      context: crowdContext({
        web: new WebApi(http),
        recorder: new Recorder(),
        random,
        seed: buyers,
        sale,
        holdTtlSeconds,
        lapseRate: 0,
        ackTimeoutMs: 30_000,
        observeWorkingSet: () => undefined,
        extra: { door: { kind: "session", queueUrl: system.queueUrl } },
      }),
    });
  } finally {
    http.close();
  }
}
