import { randomBytes } from "node:crypto";
import { measureBareConnects } from "../bare/measure-bare-connects";
import type { BuyerIdentity } from "../buyer/context";
import { runCommand, parseFlags } from "../cli";
import { HttpClient } from "../clients/http-client";
import { QueueConnection } from "../clients/queue-connection";
import { StepError } from "../clients/step-error";
import { WebApi } from "../clients/web-api";
import { summarize, type LatencySummary } from "../metrics/percentiles";
import { throughput } from "../metrics/summarize";
import { loadTestOptionsSchema } from "../options";
import { seedBuyers } from "../seed/seed-buyers";
import { seedSale } from "../seed/seed-sale";
import { cpuSeconds } from "../system/process-stats";
import { startSystem } from "../system/start-system";
import { z } from "zod";

const ACK_TIMEOUT_MS = 30_000;

const optionsSchema = z.object({
  buyers: z.coerce.number().int().min(10).max(15_000).default(5_000),
  rounds: z.coerce.number().int().min(1).max(5).default(1),
  /** Queue-service processes behind its port (QUEUE_PROCESSES); unset: its default. */
  queueProcesses: z.coerce.number().int().min(1).max(8).optional(),
  /** Where the queue service writes a V8 CPU profile of the run (node --cpu-prof). */
  profileDir: z.string().min(1).optional(),
});

interface DoorFigures {
  name: string;
  ok: number;
  failed: Record<string, number>;
  perSecond: number;
  latencyMs: LatencySummary | null;
  cpuSeconds: Record<string, number | null>;
}

type Door = "session" | "ticket";

/**
 * `npm run bench:door -w @ticketping/loadtest`: the front door alone, away from the
 * crowd's later steps. The same number of buyers press "Book" at once through each door
 * (session: handshake with the cookie, then join; ticket: POST /api/queue/ticket, handshake,
 * join), against bare Socket.IO handshakes from the same client code in the same run. Each
 * door gets its own buyers, so the per-user entry budget is never what is measured.
 */
runCommand({
  name: "door benchmark",
  usage:
    "npm run bench:door -w @ticketping/loadtest -- [--buyers N] [--rounds R] " +
    "[--queue-processes P] [--profile-dir DIR]",
  parse: (argv) =>
    parseFlags(
      argv,
      {
        buyers: "buyers",
        rounds: "rounds",
        "queue-processes": "queueProcesses",
        "profile-dir": "profileDir",
      },
      optionsSchema,
    ),
  stoppingMessage: "stopping",
  run: async ({ buyers, rounds, queueProcesses, profileDir }) => {
    const runId = randomBytes(4).toString("hex");
    const scenario = loadTestOptionsSchema.parse({
      buyers,
      seats: 1_000,
      maxActive: 50,
      refuseRatio: 0,
    });
    const system = await startSystem({
      options: scenario,
      runId,
      overrides: queueProcesses
        ? { "queue-service": { QUEUE_PROCESSES: String(queueProcesses) } }
        : {},
      queueNodeFlags: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    });
    const http = new HttpClient(system.webUrl, { maxSockets: 256, timeoutMs: ACK_TIMEOUT_MS });
    const web = new WebApi(http);
    try {
      const sale = await seedSale(system.database.prisma, scenario);
      const identities = await seedBuyers(system.database.prisma, {
        count: buyers * 2 * rounds,
        runId,
        nextAuthSecret: system.nextAuthSecret,
      });
      const rows: DoorFigures[] = [];
      for (let round = 0; round < rounds; round++) {
        const bare = await measureBareConnects({ count: buyers, timeoutMs: ACK_TIMEOUT_MS });
        rows.push({
          name: "bare Socket.IO connect",
          ok: bare.ok,
          failed: bare.attempted > bare.ok ? { FAILED: bare.attempted - bare.ok } : {},
          perSecond: bare.perSecond,
          latencyMs: bare.latencyMs,
          cpuSeconds: {},
        });
        for (const [index, door] of (["session", "ticket"] as const).entries()) {
          const first = (round * 2 + index) * buyers;
          rows.push(
            await pressBook(door, identities.slice(first, first + buyers), {
              system,
              web,
              performanceId: sale.performanceId,
            }),
          );
        }
      }
      print(rows);
      return 0;
    } finally {
      http.close();
      await system.stop();
    }
  },
});

async function pressBook(
  door: Door,
  buyers: readonly BuyerIdentity[],
  {
    system,
    web,
    performanceId,
  }: {
    system: Awaited<ReturnType<typeof startSystem>>;
    web: WebApi;
    performanceId: string;
  },
): Promise<DoorFigures> {
  const pids = { "queue-service": system.pids["queue-service"], web: system.pids.web };
  const cpuBefore = Object.fromEntries(Object.entries(pids).map(([n, p]) => [n, cpuSeconds(p)]));
  const samples: { endMs: number; durationMs: number }[] = [];
  const failed: Record<string, number> = {};
  const connections: QueueConnection[] = [];
  const connectMs: number[] = [];
  await Promise.all(
    buyers.map(async (buyer) => {
      const startedAt = performance.now();
      try {
        const entry =
          door === "session"
            ? { url: system.queueUrl, auth: { performanceId }, cookie: buyer.cookie }
            : await web.queueTicket(buyer, performanceId).then((ticket) => ({
                url: ticket.queueUrl,
                auth: { ticket: ticket.ticket },
              }));
        const connection = await QueueConnection.open({
          ...entry,
          listeners: {},
          ackTimeoutMs: ACK_TIMEOUT_MS,
        });
        connections.push(connection);
        connectMs.push(performance.now() - startedAt);
        await connection.join(performanceId);
        const endMs = performance.now();
        samples.push({ endMs, durationMs: endMs - startedAt });
      } catch (error) {
        const code = error instanceof StepError ? `${error.code} (${error.message})` : "ERROR";
        failed[code] = (failed[code] ?? 0) + 1;
      }
    }),
  );
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([name, pid]) => {
      const before = cpuBefore[name];
      const after = cpuSeconds(pid);
      return [name, before == null || after == null ? null : after - before];
    }),
  );
  for (const connection of connections) connection.close();
  const handshake = summarize(connectMs);
  if (handshake) {
    console.log(
      `${door} door, until the handshake: p50 ${handshake.p50.toFixed(0)} ms, p99 ${handshake.p99.toFixed(0)} ms`,
    );
  }
  return {
    name:
      door === "session" ? "session door: connect + join" : "ticket door: ticket + connect + join",
    ok: samples.length,
    failed,
    perSecond: throughput(samples),
    latencyMs: summarize(samples.map((sample) => sample.durationMs)),
    cpuSeconds: cpu,
  };
}

function print(rows: readonly DoorFigures[]): void {
  let bare = 0;
  for (const row of rows) {
    if (row.name.startsWith("bare")) bare = row.perSecond;
    const ratio = bare > 0 ? (row.perSecond / bare).toFixed(2) : "-";
    const latency = row.latencyMs
      ? `p50 ${row.latencyMs.p50.toFixed(0)} ms, p99 ${row.latencyMs.p99.toFixed(0)} ms`
      : "-";
    const cpu = Object.entries(row.cpuSeconds)
      .map(([name, seconds]) => `${name} ${seconds === null ? "?" : seconds.toFixed(2)} s CPU`)
      .join(", ");
    const failures = Object.entries(row.failed)
      .map(([code, count]) => `${code} ${count}`)
      .join(", ");
    console.log(
      `${row.name.padEnd(40)} ${String(row.ok).padStart(6)} ok  ${row.perSecond
        .toFixed(0)
        .padStart(5)}/s  ${ratio}x bare  ${latency}${cpu ? `  ${cpu}` : ""}${
        failures ? `  failed: ${failures}` : ""
      }`,
    );
  }
}
