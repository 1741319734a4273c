import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dockerfileCommand,
  packageNodeFlags,
  pdfText,
  spawnService,
  startOwnMailpit,
  type OwnMailpit,
  type SpawnedService,
} from "@ticketping/common/testing";
import { createTestDatabase, seedReservation, type TestDatabase } from "@ticketping/db/testing";
import { enqueueMails } from "../src/mail/mail-ledger";
import { createBuyers, createShow, createShowWithHold } from "./support/fixtures";

const workerRoot = path.resolve(import.meta.dirname, "..");
const nodeFlags = packageNodeFlags(workerRoot);
let database: TestDatabase;
let mailpit: OwnMailpit;
let worker: SpawnedService | undefined;

beforeAll(async () => {
  database = await createTestDatabase({ label: "worker_built" });
  mailpit = await startOwnMailpit();
});

afterAll(async () => {
  await worker?.stop("SIGKILL");
  await mailpit.remove();
  await database.drop();
});

describe("the built worker (dist/main.js), as production runs it", () => {
  it("is what the Docker image and npm start run", () => {
    expect(dockerfileCommand(workerRoot)).toEqual(["node", ...nodeFlags, "dist/main.js"]);
    const manifest = JSON.parse(readFileSync(path.join(workerRoot, "package.json"), "utf8")) as {
      scripts: { start: string };
    };
    expect(manifest.scripts.start).toBe("node $npm_package_config_nodeFlags dist/main.js");
  });

  it("builds, works through Prisma in production mode, mails a Korean ticket PDF and exits 0 within seconds of SIGTERM", async () => {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: workerRoot, stdio: "pipe" });
    worker = await spawnService({
      cwd: workerRoot,
      entry: "dist/main.js",
      nodeFlags,
      readyMessage: "consuming",
      env: {
        NODE_ENV: "production",
        PAYMENT_PROVIDER: "simulated",
        DATABASE_URL: database.url,
        WORKER_HEALTH_PORT: "0",
        WORKER_GROUP_ID: `built-entry-${randomUUID().slice(0, 8)}`,
        HOLD_SWEEP_INTERVAL_MS: "200",
        HOLD_SWEEP_GRACE_MS: "0",
        // Production sends mail: to a Mailpit of the test's own.
        SMTP_URL: mailpit.smtpUrl,
        // Older events on the shared topics are skipped before any query.
        MAIL_MAX_EVENT_AGE_HOURS: "0.05",
        PUBLIC_WEB_URL: "http://localhost:3000",
        TICKET_SIGNING_KEY: randomUUID() + randomUUID(),
        EMAIL_TOKEN_SECRET: randomUUID() + randomUUID(),
      },
    });
    // The ticket renderer's thread loaded from its own bundle (dist/render-thread.js) and
    // lowered its priority: one thread of the process at nice 19.
    if (process.platform === "linux") {
      const tasks = `/proc/${worker.process.pid ?? 0}/task`;
      const niceValues = readdirSync(tasks).map((tid) => {
        const stat = readFileSync(`${tasks}/${tid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
      });
      expect(niceValues.filter((nice) => nice === 19)).toHaveLength(1);
    }
    const response = await fetch(`http://127.0.0.1:${worker.port}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      checks: { database: "up", redis: "up", kafka: "up" },
    });

    // The sweeper's queries run through the bundled Prisma client and its query compiler.
    const { reservation } = await createShowWithHold(database.prisma, {
      seats: 2,
      holdExpiresAt: new Date(Date.now() - 1_000),
    });
    await expect
      .poll(
        async () =>
          (await database.prisma.reservation.findUniqueOrThrow({ where: { id: reservation.id } }))
            .status,
        { timeout: 15_000, interval: 200 },
      )
      .toBe("EXPIRED");

    // The order mail's tickets PDF, made by the bundle at send time: the embedded font is
    // found from the built layout, and Korean prints as Korean. The mail goes straight into
    // the ledger (mail-worker.test.ts covers the events' path), so the history of the
    // shared topics that a new consumer group reads first does not delay it.
    const { prisma } = database;
    const show = await createShow(prisma, { seats: 1 });
    await prisma.performance.update({
      where: { id: show.performanceId },
      data: { name: "봄의 소리 콘서트" },
    });
    const [buyerId = ""] = await createBuyers(prisma, 1);
    const buyer = await prisma.user.update({ where: { id: buyerId }, data: { name: "김민준" } });
    const reservationId = await seedReservation(prisma, {
      userId: buyer.id,
      scheduleId: show.scheduleId,
      seatIds: show.seatIds,
      status: "CONFIRMED",
    });
    await enqueueMails(prisma, [
      {
        eventId: randomUUID(),
        recipient: buyer.email,
        template: "order-confirmed",
        subject: "Your tickets",
        html: "<p>Your tickets</p>",
        text: "Your tickets",
        ticketsOf: reservationId,
      },
    ]);
    const [summary] = await mailpit.client.waitFor(buyer.email, { timeoutMs: 30_000 });
    const message = await mailpit.client.message(summary?.ID ?? "");
    const pdf = message.Attachments.find((file) => file.FileName === "tickets.pdf");
    if (!pdf) throw new Error("no tickets.pdf attached");
    const text = await pdfText(await mailpit.client.part(message.ID, pdf.PartID));
    expect(text).toContain("봄의 소리 콘서트");
    expect(text).toContain("김민준");

    const signalled = performance.now();
    expect(await worker.stop("SIGTERM")).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(5_000);
    expect(worker.logs.map((entry) => entry.msg)).toContain("shutdown complete");
  }, 90_000);
});
