/**
 * Schemathesis against the production build: every operation of /api/openapi.json fuzzed
 * as a signed-in buyer, an admitted buyer and an organizer, on a throwaway seeded
 * database. Fails on any 5xx and on any answer the document does not describe (status,
 * content type, headers, body). Loopback only; needs PostgreSQL, Redis and a build.
 * Run: `bash scripts/fuzz-api.sh` (installs Schemathesis first).
 */
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { z } from "zod";
import { envFields, parseEnv } from "@ticketping/common/env";
import { seedReservation } from "@ticketping/db/testing";
import { seedPerformance } from "../test/support/booking";
import { testIp } from "../test/support/catalog-fixtures";
import { signedInUsers } from "../test/support/sign-in";
import { createWebTestSystem } from "../test/support/web-test-system";
import { schemathesisConfig, type FuzzIdentity } from "./schemathesis-config";

const env = parseEnv({
  REDIS_URL: envFields.redisUrl,
  SCHEMATHESIS: z.string().min(1).default("schemathesis"),
  /** Where `npm test` collects every runner's counts (scripts/lib/test-summary.mjs). */
  TEST_RESULTS_DIR: z.string().min(1).optional(),
  /** Test cases per operation and phase. */
  FUZZ_MAX_EXAMPLES: z.coerce.number().int().positive().default(25),
  /** The time budget of each identity's run, seconds. */
  FUZZ_SECONDS_PER_IDENTITY: z.coerce.number().int().positive().default(45),
});

const SESSION_COOKIE = "next-auth.session-token";

function sessionValue(cookieHeader: string): string {
  const pair = cookieHeader.split("; ").find((part) => part.startsWith(`${SESSION_COOKIE}=`));
  if (!pair) throw new Error("no session cookie");
  return pair.slice(SESSION_COOKIE.length + 1);
}

/**
 * Schemathesis closes each run with pytest's banner ("==== 2 warnings in 45.0s ===="), which
 * a CI reading test runners' closing lines takes for a pytest run that ran no test. Its lines
 * pass through unchanged but for those banners, which become plain headings ("-- 2 warnings,
 * took 45.0s --").
 */
function withoutPytestBanner(line: string): string {
  const heading = /^=+ (.+?) =+$/.exec(line)?.[1];
  return heading ? `-- ${heading.replace(/ in ([\d.]+s)$/, ", took $1")} --` : line;
}

function run(command: string, args: string[], cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const echo = (stream: NodeJS.ReadableStream, to: NodeJS.WritableStream) =>
      createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) =>
        to.write(`${withoutPytestBanner(line)}\n`),
      );
    echo(child.stdout, process.stdout);
    echo(child.stderr, process.stderr);
    child.once("error", reject);
    child.once("close", (code, signal) => {
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** One test per identity in the shape the summary reads (vitest's JSON counts). */
async function writeReport(identities: number, failed: number): Promise<void> {
  if (!env.TEST_RESULTS_DIR) return;
  await writeFile(
    path.join(env.TEST_RESULTS_DIR, "schemathesis.json"),
    JSON.stringify({
      numPassedTests: identities - failed,
      numFailedTests: failed,
      numPendingTests: 0,
      numTodoTests: 0,
    }),
  );
}

// No top-level await: this package is CommonJS to Node (Turbopack wants no "type").
async function main(): Promise<void> {
  const started = Date.now();
  const metricsToken = randomBytes(24).toString("hex");
  const system = await createWebTestSystem({ label: "web_fuzz" });
  const workDir = await mkdtemp(path.join(tmpdir(), "ticketping-fuzz-"));
  const failed: string[] = [];
  let ran = 0;
  try {
    const [first, second] = await seedPerformance(system.prisma, {
      rows: 3,
      columns: 10,
      schedules: 2,
    });
    if (!first || !second) throw new Error("seeding failed");
    const web = await system.startWeb({ env: { METRICS_TOKEN: metricsToken } });
    const [buyer, admitted, organizer] = await signedInUsers(system.prisma, web.baseUrl, [
      { label: "fuzz-buyer" },
      { label: "fuzz-admitted" },
      { label: "fuzz-organizer", role: "ADMIN" },
    ]);
    const { token: workingToken } = await system.admit(admitted, first.performanceId, {
      ttlMs: 3_600_000,
    });
    // Each buyer's own reservations (a hold to check out or release, tickets to cancel),
    // all in one dictionary: another buyer's reservation must answer 404 as an unknown one.
    const reservations = await Promise.all(
      [buyer, admitted].flatMap((owner, ownerIndex) =>
        (["PENDING", "CONFIRMED"] as const).map((status, index) => {
          const from = (ownerIndex * 2 + index) * 2;
          return seedReservation(system.prisma, {
            userId: owner.id,
            scheduleId: second.scheduleId,
            seatIds: second.seatIds.slice(from, from + 2),
            status,
          });
        }),
      ),
    );
    const grades = await system.prisma.seatGrade.findMany({ select: { id: true } });
    const halls = await system.prisma.hall.findMany({ select: { id: true } });
    const performance = await system.prisma.performance.findUniqueOrThrow({
      where: { id: first.performanceId },
      select: { slug: true },
    });

    const dictionaries = {
      schedules: [first.scheduleId, second.scheduleId],
      seats: first.seatIds,
      reservations,
      // Organizer paths name performances, halls, grades and schedules by `id`.
      ids: [
        first.performanceId,
        ...grades.map(({ id }) => id),
        ...halls.map(({ id }) => id),
        first.scheduleId,
        second.scheduleId,
      ],
      halls: halls.map(({ id }) => id),
      grades: grades.map(({ id }) => id),
      slugs: [performance.slug],
      performances: [first.performanceId],
    };
    const bindings = {
      "path.scheduleId": "schedules",
      "path.reservationId": "reservations",
      "path.id": "ids",
      "path.slug": "slugs",
      "query.performanceId": "performances",
      "body.performanceId": "performances",
      "body.seatIds[*]": "seats",
      "body.hallId": "halls",
      "body.bands[*].gradeId": "grades",
    };
    const identities: FuzzIdentity[] = [
      {
        name: "buyer",
        session: sessionValue(buyer.cookie),
        // Everything: the organizer's operations answer this buyer 403, as documented.
        // But "Sessions": signing out everywhere would end this identity's session for
        // the rest of the run (session-revocation.test.ts covers it).
        tags: [
          "Catalog",
          "Accounts",
          "Proof of work",
          "My reservations",
          "Waiting room",
          "Booking",
          "Payments",
          "Organizer",
          "Check-in",
          "Operations",
        ],
      },
      {
        name: "admitted buyer",
        session: sessionValue(admitted.cookie),
        workingToken,
        tags: ["Booking", "Waiting room", "My reservations", "Payments"],
      },
      {
        name: "organizer",
        session: sessionValue(organizer.cookie),
        tags: ["Organizer", "Catalog", "Check-in"],
      },
    ];

    const schemaUrl = `${web.baseUrl}/api/openapi.json`;
    for (const identity of identities) {
      const configFile = path.join(workDir, `${identity.name.replace(/\W+/g, "-")}.toml`);
      await writeFile(
        configFile,
        schemathesisConfig({
          baseUrl: web.baseUrl,
          clientIp: testIp(),
          metricsToken,
          identity,
          maxExamples: env.FUZZ_MAX_EXAMPLES,
          dictionaries,
          bindings,
        }),
      );
      console.log(`\n== Schemathesis as ${identity.name}: ${identity.tags.join(", ")}`);
      const runStarted = Date.now();
      const code = await run(
        env.SCHEMATHESIS,
        [
          "--config-file",
          configFile,
          "run",
          schemaUrl,
          ...identity.tags.flatMap((tag) => ["--include-tag", tag]),
          "--checks",
          "all",
          // A schema-valid request may still break a rule JSON Schema cannot state (booking
          // closes after it opens, no seat twice, a real Stripe signature): refused, rightly.
          "--exclude-checks",
          "positive_data_acceptance",
          "--max-time",
          String(env.FUZZ_SECONDS_PER_IDENTITY),
          // One worker: Python 3.11's ast.parse is not thread-safe, and Hypothesis calls it.
          "--workers",
          "1",
          "--seed",
          String(Date.now() % 1_000_000),
          "--no-color",
        ],
        workDir,
      );
      console.log(
        `== ${identity.name}: exit ${code} in ${Math.round((Date.now() - runStarted) / 1000)} s`,
      );
      ran += 1;
      if (code !== 0) failed.push(identity.name);
    }
  } finally {
    await system.stop();
    await rm(workDir, { recursive: true, force: true });
  }
  await writeReport(ran, failed.length);
  const seconds = Math.round((Date.now() - started) / 1000);
  if (failed.length > 0) {
    console.error(`Schemathesis found failures as: ${failed.join(", ")} (${seconds} s)`);
    process.exitCode = 1;
  } else {
    console.log(`Schemathesis: no failures as any identity (${seconds} s)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
