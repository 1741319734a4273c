/**
 * Check-in benchmark: 1,000 tickets scanned at 4 gates at once, each ticket at two gates in
 * the same instant (the second scanner of a pair reads the same tickets in the same order),
 * so every admission is contested and exactly 1,000 must be recorded. Beside it, the same
 * shape of load on a static JSON route of the same server: the bare reference of this run.
 * Loopback only; needs PostgreSQL and Redis and a build.
 * Run: `npm run bench:check-in -w @ticketping/web`.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createTicketSigner, seatLabelOf } from "@ticketping/common/tickets";
import { createTestDatabase, seedReservation } from "@ticketping/db/testing";
import { createBuyers, seedPerformance, sessionCookie } from "../test/support/booking";
import { startWebServer } from "../test/support/web-server";
import { runLoad, type LoadResult } from "./load";

const env = parseEnv({
  REDIS_URL: envFields.redisUrl,
  BENCH_TICKETS: z.coerce.number().int().positive().max(5_000).default(1_000),
  BENCH_GATES: z.coerce.number().int().positive().max(16).default(4),
  /** Scanners in flight per gate: a gate is several staff with phones. */
  BENCH_SCANNERS_PER_GATE: z.coerce.number().int().positive().max(32).default(4),
});

function line(label: string, result: LoadResult): string {
  return `${label.padEnd(34)} ${String(result.requests).padStart(5)} req  ${result.requestsPerSecond.toFixed(0).padStart(5)}/s  p50 ${result.p50Ms.toFixed(1).padStart(6)} ms  p99 ${result.p99Ms.toFixed(1).padStart(6)} ms`;
}

async function main(): Promise<void> {
  const database = await createTestDatabase({ label: "check_in_bench", maxConnections: 4 });
  const columns = 25;
  const rows = Math.ceil(env.BENCH_TICKETS / columns);
  const [show] = await seedPerformance(database.prisma, { rows, columns });
  const [holder, staff] = await createBuyers(database.prisma, 2);
  if (!show || !holder || !staff) throw new Error("seeding failed");
  const { sessionVersion } = await database.prisma.user.update({
    where: { id: staff.id },
    data: { role: "STAFF" },
  });
  const seatIds = show.seatIds.slice(0, env.BENCH_TICKETS);
  // Orders of four, as a sale makes them.
  for (let index = 0; index < seatIds.length; index += 4) {
    await seedReservation(database.prisma, {
      userId: holder.id,
      scheduleId: show.scheduleId,
      seatIds: seatIds.slice(index, index + 4),
      status: "CONFIRMED",
    });
  }
  const web = await startWebServer({
    databaseUrl: database.url,
    env: { BENCH_ROUTES: "1", LOG_LEVEL: "error", QUEUE_KEY_PREFIX: `bench-${randomUUID()}:` },
  });
  try {
    const signer = createTicketSigner(web.secrets.tickets);
    const tickets = await database.prisma.ticket.findMany({
      where: { scheduleId: show.scheduleId },
      select: { id: true, seat: { select: { row: true, column: true } } },
    });
    const codes = tickets.map((ticket) =>
      signer.signTicketCode({
        ticketId: ticket.id,
        scheduleId: show.scheduleId,
        seatLabel: seatLabelOf(ticket.seat),
      }),
    );
    const headers = {
      cookie: await sessionCookie(web.secrets.nextAuth, staff, { sessionVersion }),
      "content-type": "application/json",
    };
    const connections = env.BENCH_GATES * env.BENCH_SCANNERS_PER_GATE;
    const half = connections / 2;
    const perWorker = Math.ceil(codes.length / half);
    // Workers w and w + half scan the same tickets, at neighbouring gates.
    const gateOf = (worker: number) =>
      `Gate ${(worker + Math.floor(worker / half)) % env.BENCH_GATES}`;
    const scan = (pass: number) => (worker: number, n: number) => ({
      method: "POST" as const,
      path: "/api/check-in",
      headers,
      body: JSON.stringify({
        scheduleId: show.scheduleId,
        gate: gateOf(worker + pass),
        code: codes[(worker % half) * perWorker + n] ?? "",
      }),
    });
    const requests = perWorker * connections;
    const bare = () =>
      runLoad({
        baseUrl: web.baseUrl,
        connections,
        maxRequests: requests,
        requestsPerConnection: perWorker,
        next: () => ({ path: "/api/bench/static" }),
      });

    // Warm both paths (the first requests compile routes and open pools).
    await runLoad({
      baseUrl: web.baseUrl,
      connections: 4,
      maxRequests: 40,
      next: () => ({ path: "/api/check-in/stats?scheduleId=" + show.scheduleId, headers }),
    });
    await bare();

    const bareFirst = await bare();
    const first = await runLoad({
      baseUrl: web.baseUrl,
      connections,
      maxRequests: requests,
      requestsPerConnection: perWorker,
      next: scan(0),
    });
    const again = await runLoad({
      baseUrl: web.baseUrl,
      connections,
      maxRequests: requests,
      requestsPerConnection: perWorker,
      next: scan(1),
    });
    const bareAfter = await bare();

    const admitted = await database.prisma.checkIn.count({
      where: { ticket: { scheduleId: show.scheduleId } },
    });
    const byGate = await database.prisma.checkIn.groupBy({ by: ["gate"], _count: { _all: true } });
    const bareP99 = Math.max(bareFirst.p99Ms, bareAfter.p99Ms);
    console.log(
      `\n${codes.length} tickets, ${env.BENCH_GATES} gates x ${env.BENCH_SCANNERS_PER_GATE} scanners in flight (${connections} connections), each ticket scanned at 2 gates at once\n`,
    );
    console.log(line("bare: static JSON route (before)", bareFirst));
    console.log(line("check-in, every ticket at 2 gates", first));
    console.log(line("check-in, all again (admitted)", again));
    console.log(line("bare: static JSON route (after)", bareAfter));
    console.log(
      `\nadmissions recorded: ${admitted} of ${codes.length} (${byGate.map((gate) => `${gate.gate} ${gate._count._all}`).join(", ")})`,
    );
    console.log(
      `statuses, first scan: ${JSON.stringify(first.statuses)}; again: ${JSON.stringify(again.statuses)}`,
    );
    console.log(
      `p99 ratio to the bare route: first scan ${(first.p99Ms / bareP99).toFixed(1)}x, second ${(again.p99Ms / bareP99).toFixed(1)}x`,
    );
    if (admitted !== codes.length || first.statuses[200] !== requests) {
      throw new Error(`expected exactly ${codes.length} admissions`);
    }
  } finally {
    await web.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
