/**
 * Payments benchmark: 1,000 paid checkouts from the webhook to CONFIRMED, through every
 * real part: the built web app's webhook route (signature check, Payment and outbox row in
 * one transaction), the worker's outbox relay, Kafka, and the worker's confirmation.
 *
 * Two rounds in one run, each on a database of its own: the worker with its mail path off
 * (WORKER_ROLE=payments, the reference) and on (the default), so the price mail puts on
 * confirmations is a ratio from one run. Prints throughput, webhook latency,
 * webhook-to-CONFIRMED latency (p50/p99), the consumer group's lag and the outbox backlog
 * of each round, and the CPU time the worker and the web app spent per payment (the
 * processes' own user + system time, steadier than wall time on a shared machine);
 * for the round with mail, how long after the last confirmation the last
 * of the confirmation mails reached the inbox (a Mailpit of the run's own) and how many
 * the ledger counts SENT. Needs PostgreSQL, Redis, Kafka, Go (Mailpit) and a web build
 * (`npm run build -w @ticketping/web`). Run: `npm run bench -w @ticketping/worker`.
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { z } from "zod";
import { envFields, parseEnv } from "@ticketping/common/env";
import { paymentCompleted, reservationConfirmed } from "@ticketping/common/events";
import { createKafka } from "@ticketping/common/kafka";
import { createLogger } from "@ticketping/common/logger";
import {
  freePort,
  spawnService,
  startOwnMailpit,
  type OwnMailpit,
} from "@ticketping/common/testing";
import { createTestDatabase } from "@ticketping/db/testing";
import { createBuyers, createShow } from "../test/support/fixtures";

const env = parseEnv({
  KAFKA_BROKERS: envFields.kafkaBrokers,
  REDIS_URL: envFields.redisUrl,
  BENCH_PAYMENTS: z.coerce.number().int().positive().max(10_000).default(1_000),
  BENCH_CONCURRENCY: z.coerce.number().int().positive().max(500).default(50),
  /** The web server's database connections (DATABASE_POOL_MAX). */
  BENCH_WEB_POOL: z.coerce.number().int().positive().max(100).default(10),
  /**
   * Pairs of rounds (without and with mail), the order alternating, so a change in the
   * machine's other load during the run touches both sides alike.
   */
  BENCH_PAIRS: z.coerce.number().int().positive().max(10).default(1),
});

const webRoot = path.resolve(import.meta.dirname, "../../web");
const standaloneServer = path.join(webRoot, ".next/standalone/web/server.js");

async function startWeb(databaseUrl: string, webhookSecret: string) {
  if (!existsSync(standaloneServer)) throw new Error("build the web app first");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [standaloneServer], {
    cwd: path.dirname(standaloneServer),
    env: {
      NODE_ENV: "production",
      REDIS_URL: env.REDIS_URL,
      LOG_LEVEL: "warn",
      HOSTNAME: "127.0.0.1",
      PORT: String(port),
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      // Production refuses the development secrets; nothing here signs with these.
      QUEUE_TOKEN_SECRET: randomBytes(32).toString("hex"),
      QUEUE_TICKET_SECRET: randomBytes(32).toString("hex"),
      POW_HMAC_SECRET: randomBytes(32).toString("hex"),
      TICKET_SIGNING_KEY: randomBytes(32).toString("hex"),
      EMAIL_TOKEN_SECRET: randomBytes(32).toString("hex"),
      STRIPE_WEBHOOK_SECRET: webhookSecret,
      PAYMENT_PROVIDER: "simulated",
      DATABASE_POOL_MAX: String(env.BENCH_WEB_POOL),
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let waited = 0; ; waited += 200) {
    const healthy = await fetch(`${baseUrl}/api/health`)
      .then((response) => response.ok)
      .catch(() => false);
    if (healthy) break;
    if (waited > 30_000 || child.exitCode !== null) throw new Error("web did not start");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, pid: child.pid, stop: () => child.kill("SIGTERM") };
}

const clockTicksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());

/**
 * CPU time (user + system, every thread) a process has used so far, in ms, from
 * /proc/<pid>/stat: steady on a shared machine where wall-clock figures are not.
 */
function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  // The command name (field 2) may hold spaces; the fields after its ")" are fixed.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function paidEvent(reservationId: string, amountMinor: number) {
  return {
    id: `evt_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: "checkout.session.completed",
    data: {
      object: {
        id: `cs_sim_${reservationId.replaceAll("-", "")}`,
        object: "checkout.session",
        amount_total: amountMinor,
        client_reference_id: reservationId,
        currency: "eur",
        metadata: { reservation_id: reservationId },
        mode: "payment",
        payment_intent: `pi_sim_${randomBytes(12).toString("hex")}`,
        payment_status: "paid",
        status: "complete",
      },
    },
  };
}

type Admin = ReturnType<ReturnType<typeof createKafka>["admin"]>;

interface RoundResult {
  payments: number;
  webhooksSeconds: number;
  confirmedSeconds: number;
  webhookMs: number[];
  latencies: number[];
  lagSamples: number[];
  backlogSamples: number[];
  redeliveries: number;
  /** CPU time each process used from the clock's start until the last confirmation, per payment. */
  cpuMsPerPayment: { worker: number; web: number };
  /** With mail: from the last confirmation until the inbox held every mail. */
  mail?: {
    drainSeconds: number;
    sent: number;
    inbox: number;
    expected: number;
    /** The worker's CPU time per payment until the last mail was in the inbox. */
    workerCpuMsPerPayment: number;
  };
}

/** Messages of a topic that a consumer group has not committed yet (a fresh group's history). */
async function groupLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const done = new Map(
    (committed[0]?.partitions ?? []).map((partition) => [
      partition.partition,
      Number(partition.offset),
    ]),
  );
  return ends.reduce((sum, partition) => {
    const from = Math.max(done.get(partition.partition) ?? -1, Number(partition.low));
    return sum + Math.max(0, Number(partition.high) - from);
  }, 0);
}

async function main(): Promise<void> {
  const logger = createLogger({ name: "payments-bench", level: "silent" });
  const kafka = createKafka({ brokers: env.KAFKA_BROKERS, clientId: "payments-bench", logger });
  const admin = kafka.admin();
  await admin.connect();
  const mailpit = await startOwnMailpit();
  const loadBefore = loadavg();
  try {
    const ratios: number[] = [];
    for (let pair = 0; pair < env.BENCH_PAIRS; pair++) {
      const offFirst = pair % 2 === 0;
      const first = await runRound({ admin, mailpit, withMail: !offFirst });
      const second = await runRound({ admin, mailpit, withMail: offFirst });
      const [off, on] = offFirst ? [first, second] : [second, first];
      report(off, on, loadBefore, loadavg());
      ratios.push(throughputOf(on) / throughputOf(off));
    }
    if (ratios.length > 1) {
      const sorted = [...ratios].sort((a, b) => a - b);
      console.log(
        `\nthroughput with mail / without, per pair: ${ratios.map((r) => r.toFixed(2)).join(", ")}; ` +
          `median ${percentile(sorted, 50).toFixed(2)}`,
      );
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
    await mailpit.remove();
  }
}

async function runRound({
  admin,
  mailpit,
  withMail,
}: {
  admin: Admin;
  mailpit: OwnMailpit;
  withMail: boolean;
}): Promise<RoundResult> {
  const count = env.BENCH_PAYMENTS;
  const groupId = `payments-bench-${randomUUID().slice(0, 8)}`;
  const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
  const database = await createTestDatabase({ label: "payments_bench", maxConnections: 4 });
  const prisma = database.prisma;
  await mailpit.client.deleteAll();
  // Whatever happens, the processes this round started stop and its database goes.
  const cleanup: (() => unknown)[] = [() => database.drop()];
  try {
    return await run();
  } finally {
    for (const step of cleanup.reverse()) {
      await Promise.resolve(step()).catch((error: unknown) => {
        console.error("cleanup step failed", error);
      });
    }
  }

  async function run(): Promise<RoundResult> {
    const show = await createShow(prisma, { seats: count + 1 });
    const buyers = await createBuyers(prisma, 50);
    const holdExpiresAt = new Date(Date.now() + 30 * 60_000);
    const reservations = show.seatIds.map((seatId, index) => ({
      id: randomUUID(),
      seatId,
      userId: buyers[index % buyers.length] ?? "",
    }));
    await prisma.reservation.createMany({
      data: reservations.map((row) => ({
        id: row.id,
        userId: row.userId,
        scheduleId: show.scheduleId,
        amountMinor: show.priceMinor,
        currency: "EUR",
        holdExpiresAt,
        checkoutProvider: "SIMULATED" as const,
        checkoutSessionId: `cs_sim_${row.id.replaceAll("-", "")}`,
      })),
    });
    await prisma.reservationSeat.createMany({
      data: reservations.map((row) => ({
        reservationId: row.id,
        seatId: row.seatId,
        priceMinor: show.priceMinor,
      })),
    });

    const web = await startWeb(database.url, webhookSecret);
    cleanup.push(() => web.stop());
    const worker = await spawnService({
      cwd: path.resolve(import.meta.dirname, ".."),
      entry: "src/main.ts",
      readyMessage: "consuming",
      env: {
        DATABASE_URL: database.url,
        WORKER_HEALTH_PORT: "0",
        WORKER_GROUP_ID: groupId,
        PAYMENT_PROVIDER: "simulated",
        WORKER_ROLE: withMail ? "all" : "payments",
        SMTP_URL: mailpit.smtpUrl,
      },
    });
    cleanup.push(() => worker.stop("SIGTERM"));

    // Like Stripe: a delivery that fails (network error, non-2xx) is sent again.
    let redeliveries = 0;
    const deliver = async (reservationId: string) => {
      const payload = JSON.stringify(paidEvent(reservationId, show.priceMinor));
      for (let attempt = 1; ; attempt++) {
        const status = await fetch(`${web.baseUrl}/api/webhooks/stripe`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "stripe-signature": Stripe.webhooks.generateTestHeaderString({
              payload,
              secret: webhookSecret,
            }),
          },
          body: payload,
        })
          .then((response) => response.status)
          .catch(() => 0);
        if (status === 200) return;
        if (attempt === 5) throw new Error(`webhook for ${reservationId} failed: ${status}`);
        redeliveries++;
        await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      }
    };

    // One payment first, so the consumer groups are settled before the clock starts: the
    // payment group has confirmed it and, with mail, the mail group has mailed it and
    // worked through the shared topic's history (which a new group reads from the start).
    const [canary, ...measured] = reservations;
    if (!canary) throw new Error("nothing to pay");
    await deliver(canary.id);
    const settled = async () => {
      const row = await prisma.reservation.findUniqueOrThrow({ where: { id: canary.id } });
      if (row.status !== "CONFIRMED") return false;
      if (!withMail) return true;
      if ((await prisma.mailMessage.count({ where: { status: "SENT" } })) < 1) return false;
      return (await groupLag(admin, `${groupId}.mail`, reservationConfirmed.topic)) === 0;
    };
    for (let waited = 0; !(await settled()); waited += 100) {
      if (waited > 120_000) throw new Error("the canary payment did not settle in 2 minutes");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    // Consumer lag (Kafka's view: high watermark minus the group's committed offset) and the
    // outbox backlog, sampled while the run lasts.
    // The topic may hold older messages (a shared broker): a partition this new group has
    // not committed on yet counts from where it stood when the run began.
    const startOffsets = new Map(
      (await admin.fetchTopicOffsets(paymentCompleted.topic)).map((partition) => [
        partition.partition,
        Number(partition.high),
      ]),
    );
    const lagSamples: number[] = [];
    const backlogSamples: number[] = [];
    const sampling = { on: true };
    const sampler = (async () => {
      while (sampling.on) {
        const [ends, committed] = await Promise.all([
          admin.fetchTopicOffsets(paymentCompleted.topic),
          admin.fetchOffsets({ groupId, topics: [paymentCompleted.topic] }),
        ]);
        const done = new Map(
          (committed[0]?.partitions ?? []).map((partition) => [
            partition.partition,
            Number(partition.offset),
          ]),
        );
        const lag = ends.reduce((sum, partition) => {
          const from = Math.max(
            done.get(partition.partition) ?? -1,
            startOffsets.get(partition.partition) ?? 0,
          );
          return sum + Math.max(0, Number(partition.high) - from);
        }, 0);
        lagSamples.push(lag);
        backlogSamples.push(await prisma.outboxEvent.count({ where: { publishedAt: null } }));
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    const sentAt = new Map<string, number>();
    const webhookMs: number[] = [];
    const cpuBefore = { worker: cpuMsOf(worker.process.pid), web: cpuMsOf(web.pid) };
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: env.BENCH_CONCURRENCY }, async () => {
        while (next < measured.length) {
          const row = measured[next++];
          if (!row) break;
          const before = Date.now();
          sentAt.set(row.id, before);
          await deliver(row.id);
          webhookMs.push(Date.now() - before);
        }
      }),
    );
    const webhooksDone = Date.now();

    const ids = measured.map((row) => row.id);
    for (;;) {
      const confirmed = await prisma.reservation.count({
        where: { id: { in: ids }, status: "CONFIRMED" },
      });
      if (confirmed === ids.length) break;
      if (Date.now() - started > 300_000) throw new Error(`only ${confirmed} confirmed in 5 min`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const cpuMsPerPayment = {
      worker: (cpuMsOf(worker.process.pid) - cpuBefore.worker) / ids.length,
      web: (cpuMsOf(web.pid) - cpuBefore.web) / ids.length,
    };
    sampling.on = false;
    await sampler;

    const rows = await prisma.reservation.findMany({
      where: { id: { in: ids } },
      select: { id: true, confirmedAt: true },
    });
    const latencies = rows
      .map((row) => (row.confirmedAt?.getTime() ?? Number.NaN) - (sentAt.get(row.id) ?? Number.NaN))
      .sort((a, b) => a - b);
    const lastConfirmed = Math.max(...rows.map((row) => row.confirmedAt?.getTime() ?? 0));
    webhookMs.sort((a, b) => a - b);
    const result: RoundResult = {
      payments: ids.length,
      webhooksSeconds: (webhooksDone - started) / 1000,
      confirmedSeconds: (lastConfirmed - started) / 1000,
      webhookMs,
      latencies,
      lagSamples,
      backlogSamples,
      redeliveries,
      cpuMsPerPayment,
    };
    if (!withMail) return result;

    // Every confirmation's mail (the canary's too), counted in the inbox and the ledger.
    const expected = reservations.length;
    for (;;) {
      if ((await mailpit.client.total()) >= expected) break;
      if (Date.now() - lastConfirmed > 300_000) throw new Error("the mails did not drain in 5 min");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const drained = Date.now();
    const workerCpuMsPerPayment = (cpuMsOf(worker.process.pid) - cpuBefore.worker) / ids.length;
    return {
      ...result,
      mail: {
        drainSeconds: Math.max(0, drained - lastConfirmed) / 1000,
        sent: await prisma.mailMessage.count({ where: { status: "SENT" } }),
        inbox: await mailpit.client.total(),
        expected,
        workerCpuMsPerPayment,
      },
    };
  }
}

function throughputOf(round: RoundResult): number {
  return round.payments / round.confirmedSeconds;
}

function report(off: RoundResult, on: RoundResult, loadBefore: number[], loadAfter: number[]) {
  const fmt = (value: number) => value.toFixed(0);
  const throughput = throughputOf;
  const p = (values: number[], q: number) => fmt(percentile(values, q));
  const rows: [string, (round: RoundResult) => string][] = [
    ["webhooks answered (all 200)", (r) => `${r.webhooksSeconds.toFixed(1)} s`],
    ["webhook → CONFIRMED, all", (r) => `${r.confirmedSeconds.toFixed(1)} s`],
    ["throughput", (r) => `${fmt(throughput(r))} payments/s`],
    ["webhook latency p50 / p99", (r) => `${p(r.webhookMs, 50)} / ${p(r.webhookMs, 99)} ms`],
    [
      "webhook → CONFIRMED latency p50 / p99",
      (r) => `${p(r.latencies, 50)} / ${p(r.latencies, 99)} ms`,
    ],
    ["webhook → CONFIRMED latency max", (r) => `${fmt(r.latencies.at(-1) ?? Number.NaN)} ms`],
    [
      "consumer lag, max / mean (messages)",
      (r) =>
        `${Math.max(0, ...r.lagSamples)} / ${fmt(r.lagSamples.reduce((a, b) => a + b, 0) / Math.max(1, r.lagSamples.length))}`,
    ],
    ["outbox backlog, max (unpublished rows)", (r) => `${Math.max(0, ...r.backlogSamples)}`],
    ["webhook redeliveries", (r) => `${r.redeliveries}`],
    ["worker CPU per payment", (r) => `${r.cpuMsPerPayment.worker.toFixed(1)} ms`],
    ["web CPU per payment", (r) => `${r.cpuMsPerPayment.web.toFixed(1)} ms`],
  ];
  console.log(
    `\nPayments benchmark: ${off.payments} payments, ${env.BENCH_CONCURRENCY} concurrent webhooks, ` +
      `worker without mail, then with mail\n`,
  );
  console.log(`| measure | mail off | mail on |`);
  console.log(`| ------- | -------: | ------: |`);
  for (const [label, value] of rows) console.log(`| ${label} | ${value(off)} | ${value(on)} |`);
  console.log(
    `\nthroughput with mail / without: ${(throughput(on) / throughput(off)).toFixed(2)}; ` +
      `CONFIRMED latency p50 with / without: ${(percentile(on.latencies, 50) / percentile(off.latencies, 50)).toFixed(2)}`,
  );
  if (on.mail) {
    console.log(
      `mails: ${on.mail.inbox} in the inbox, ${on.mail.sent} SENT in the ledger, of ${on.mail.expected} ` +
        `confirmations; the last arrived ${on.mail.drainSeconds.toFixed(1)} s after the last confirmation; ` +
        `worker CPU per payment until then ${on.mail.workerCpuMsPerPayment.toFixed(1)} ms`,
    );
  }
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(" ");
  console.log(`load average before: ${load(loadBefore)}; after: ${load(loadAfter)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
