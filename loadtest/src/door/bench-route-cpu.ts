import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { z } from "zod";
import type { BuyerIdentity } from "../buyer/context";
import { parseFlags, runCommand } from "../cli";
import { HttpClient } from "../clients/http-client";
import { WebApi } from "../clients/web-api";
import { loadTestOptionsSchema } from "../options";
import { seedBuyers } from "../seed/seed-buyers";
import { seedSale } from "../seed/seed-sale";
import { cpuSeconds } from "../system/process-stats";
import { startSystem } from "../system/start-system";

const optionsSchema = z.object({
  rounds: z.coerce.number().int().min(1).max(10).default(3),
  tickets: z.coerce.number().int().min(100).max(20_000).default(3_000),
  staticRequests: z.coerce.number().int().min(100).max(50_000).default(6_000),
  concurrency: z.coerce.number().int().min(1).max(256).default(64),
});

// Unmeasured first requests: the JIT, the first database reads and the first Lua loads.
const WARM_UP_TICKETS = 300;

/**
 * `npm run bench:route-cpu -w @ticketping/loadtest`: the web process's own CPU time per
 * request, for `POST /api/queue/ticket` (each by a buyer who has not asked before) and for
 * the cheapest route through the same server (`/api/bench/static`). CPU time from /proc,
 * not throughput: on a shared machine a route's rate says more about the neighbours than
 * about the route, while the CPU it takes stays its own. Built to compare commits (run it
 * at each, alternating) and the ticket route against the server's floor.
 */
runCommand({
  name: "route CPU benchmark",
  usage:
    "npm run bench:route-cpu -w @ticketping/loadtest -- [--rounds R] [--tickets N] " +
    "[--static-requests N] [--concurrency C]",
  parse: (argv) =>
    parseFlags(
      argv,
      {
        rounds: "rounds",
        tickets: "tickets",
        "static-requests": "staticRequests",
        concurrency: "concurrency",
      },
      optionsSchema,
    ),
  stoppingMessage: "stopping",
  run: async (options) => {
    const runId = randomBytes(4).toString("hex");
    const scenario = loadTestOptionsSchema.parse({
      buyers: options.tickets,
      seats: 1_000,
      maxActive: 50,
      refuseRatio: 0,
    });
    const system = await startSystem({
      options: scenario,
      runId,
      overrides: { web: { BENCH_ROUTES: "1" } },
    });
    const http = new HttpClient(system.webUrl, { maxSockets: 256, timeoutMs: 60_000 });
    const web = new WebApi(http);
    const webCpu = () => cpuSeconds(system.pids.web) ?? Number.NaN;
    try {
      const sale = await seedSale(system.database.prisma, scenario);
      const buyers = await seedBuyers(system.database.prisma, {
        count: WARM_UP_TICKETS + options.rounds * options.tickets,
        runId,
        nextAuthSecret: system.nextAuthSecret,
      });
      const askTicket = (buyer: BuyerIdentity) => web.queueTicket(buyer, sale.performanceId);
      await inParallel(buyers.slice(0, WARM_UP_TICKETS), options.concurrency, askTicket);
      for (let round = 0; round < options.rounds; round++) {
        const first = WARM_UP_TICKETS + round * options.tickets;
        const slice = buyers.slice(first, first + options.tickets);
        const before = webCpu();
        const failed = await inParallel(slice, options.concurrency, askTicket);
        report("ticket", round, slice.length, failed, webCpu() - before);
      }
      const requests = Array.from({ length: options.staticRequests });
      const askStatic = async () => {
        const response = await http.request({ method: "GET", path: "/api/bench/static" });
        if (response.status !== 200) throw new Error(`static route answered ${response.status}`);
      };
      for (let round = 0; round < options.rounds; round++) {
        const before = webCpu();
        const failed = await inParallel(requests, options.concurrency, askStatic);
        report("static", round, requests.length, failed, webCpu() - before);
      }
      return 0;
    } finally {
      http.close();
      await system.stop();
    }
  },
});

/** Runs `call` on every item, `concurrency` at a time; answers how many failed. */
async function inParallel<Item>(
  items: readonly Item[],
  concurrency: number,
  call: (item: Item) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as Item;
        await call(item).catch(() => {
          failed++;
        });
      }
    }),
  );
  return failed;
}

function report(
  route: "ticket" | "static",
  round: number,
  requests: number,
  failed: number,
  cpuSecondsUsed: number,
): void {
  const perRequestMs = (cpuSecondsUsed / requests) * 1_000;
  console.log(
    `${route.padEnd(6)} round ${round + 1}: ${requests} requests (${failed} failed), ` +
      `web CPU ${perRequestMs.toFixed(3)} ms per request, load average ${loadavg()[0]?.toFixed(1)}`,
  );
}
