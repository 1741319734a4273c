/**
 * Orders benchmark: 100,000 orders of one show (10,000 paid, 90,000 lapsed holds, as a
 * sell-out leaves them) and 10,000 of a second show, seeded with bulk SQL into a throwaway
 * database. Measured against the production build, in one run:
 * - the organizer's order list: first page, a deep page (cursor 90,000 orders in), a
 *   selective and a broad search, and the performance's list over both shows, each against
 *   a bare `SELECT * FROM reservations WHERE schedule_id = $1 LIMIT 50` on the same table
 *   (and the HTTP floor of a static JSON route of the same server);
 * - the CSV export of 100,000 and of 10,000 orders: time, and the server's peak RSS over its
 *   RSS before the download, against PostgreSQL's `COPY (the export's query) TO STDOUT`
 *   of the same rows through psql.
 * Loopback only; needs PostgreSQL (and psql), Redis and a build.
 * Run: `npm run bench:orders -w @ticketping/web`.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { parseEnv } from "@ticketping/common/env";
import { createTestDatabase, type TestDatabase } from "@ticketping/db/testing";
import { createBuyers, seedPerformance, sessionCookie } from "../test/support/booking";
import { startWebServer, type RunningWebServer } from "../test/support/web-server";

const env = parseEnv({
  /** 1: keep the seeded database (its URL is printed) to look at query plans afterwards. */
  BENCH_KEEP_DATABASE: z.enum(["0", "1"]).default("0"),
});

const BIG = 100_000;
const PAID = 10_000;
const SMALL = 10_000;
const BUYERS = 50_000;
const SAMPLES = 30;
/**
 * The server itself lives on about 80 MB of old space (96 MB was too little for it and one
 * batch: it died in the first export), so 112 MB leaves no room to keep an export's 100,000
 * rows as objects and its 17 MB of text.
 */
const CAPPED_OLD_SPACE_MB = 112;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
}

async function timeEach(times: number, run: () => Promise<void>): Promise<number[]> {
  await run(); // warm: route compiled, pool connection open, pages cached
  const took: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    await run();
    took.push(performance.now() - started);
  }
  return took;
}

function rssKb(pid: number): number {
  // A server that died reads as 0 here; the download then fails and says why.
  if (!existsSync(`/proc/${pid}/status`)) return 0;
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((text) => text.startsWith("VmRSS:"));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

async function psqlCopy(
  databaseUrl: string,
  query: string,
): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const child = spawn(
    "psql",
    [databaseUrl, "-X", "-q", "-c", `COPY (${query}) TO STDOUT WITH (FORMAT csv)`],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let bytes = 0;
  child.stdout.on("data", (chunk: Buffer) => (bytes += chunk.length));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  if (code !== 0) throw new Error(`psql exited with ${code}`);
  return { ms: performance.now() - started, bytes };
}

// The export's query (fetch-order-rows.ts) for every order of one show, in one statement.
const exportQuery = (scheduleId: string) => `
  SELECT r.id, r.status, u.name, u.email, sch.starts_at, r.amount_minor, r.currency,
         r.created_at, r.confirmed_at, pay.created_at AS paid_at,
         GREATEST((SELECT max(p.refunded_at) FROM payments p WHERE p.reservation_id = r.id),
                  (SELECT max(f.refunded_at) FROM refunds f WHERE f.reservation_id = r.id)),
         pay.provider, pay.provider_payment_id,
         (SELECT json_agg(json_build_object('row', st.row_number, 'column', st.column_number,
                   'gradeName', g.name, 'priceMinor', rs.price_minor, 'refunded', rs.refund_id IS NOT NULL)
                   ORDER BY st.row_number, st.column_number)
            FROM reservation_seats rs JOIN seats st ON st.id = rs.seat_id
            JOIN seat_grades g ON g.id = st.grade_id WHERE rs.reservation_id = r.id)
    FROM reservations r JOIN users u ON u.id = r.user_id JOIN schedules sch ON sch.id = r.schedule_id
    LEFT JOIN LATERAL (SELECT p.provider, p.provider_payment_id, p.created_at FROM payments p
                        WHERE p.reservation_id = r.id AND p.status <> 'FAILED'
                        ORDER BY p.created_at DESC, p.id DESC LIMIT 1) pay ON TRUE
   WHERE r.schedule_id = '${scheduleId}'
   ORDER BY r.created_at DESC, r.id DESC`;

async function main(): Promise<void> {
  const database = await createTestDatabase({ label: "orders_bench", maxConnections: 4 });
  try {
    await run(database);
  } finally {
    if (env.BENCH_KEEP_DATABASE === "1") {
      await database.prisma.$disconnect();
      console.log(`\nkept ${database.url}`);
    } else {
      await database.drop();
    }
  }
}

async function run(database: TestDatabase): Promise<void> {
  const seedStarted = performance.now();
  const [big, small] = await seedPerformance(database.prisma, {
    rows: 100,
    columns: 100,
    schedules: 2,
  });
  const [organizer] = await createBuyers(database.prisma, 1);
  if (!big || !small || !organizer) throw new Error("seeding failed");
  const sql = (text: string) => database.prisma.$executeRawUnsafe(text);
  await sql(`
    INSERT INTO users (id, email, name, updated_at)
    SELECT gen_random_uuid(), 'buyer' || g || '@bench.invalid', 'Buyer ' || g, now()
      FROM generate_series(1, ${BUYERS}) g`);
  await sql(`
    INSERT INTO users (id, email, name, updated_at)
    VALUES (gen_random_uuid(), 'kim.minji@bench.invalid', 'Kim Min-ji', now())`);
  // Orders: the newest PAID of each show are paid (one seat each, every seat once); the rest
  // of the big show are lapsed holds spread over the same seats.
  for (const [show, count] of [
    [big, BIG],
    [small, SMALL],
  ] as const) {
    await sql(`
      INSERT INTO reservations (id, user_id, schedule_id, status, amount_minor, currency,
                                hold_expires_at, confirmed_at, closed_at, created_at, updated_at)
      SELECT gen_random_uuid(), u.id, '${show.scheduleId}',
             (CASE WHEN g <= ${PAID} THEN 'CONFIRMED' ELSE 'EXPIRED' END)::"ReservationStatus",
             5000, 'EUR', now() - g * interval '1 second' + interval '5 minutes',
             CASE WHEN g <= ${PAID} THEN now() - g * interval '1 second' END,
             CASE WHEN g > ${PAID} THEN now() - g * interval '1 second' + interval '5 minutes' END,
             now() - g * interval '1 second', now()
        FROM generate_series(1, ${count}) g
        JOIN LATERAL (SELECT id FROM users WHERE email = CASE WHEN g % 20000 = 7
                      THEN 'kim.minji@bench.invalid' ELSE 'buyer' || (g % ${BUYERS} + 1) || '@bench.invalid' END) u ON TRUE`);
    await sql(`
      INSERT INTO reservation_seats (reservation_id, seat_id, price_minor)
      SELECT r.id, s.id, 5000
        FROM (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n FROM reservations
               WHERE schedule_id = '${show.scheduleId}') r
        JOIN (SELECT id, row_number() OVER (ORDER BY row_number, column_number) AS n FROM seats
               WHERE schedule_id = '${show.scheduleId}') s ON s.n = (r.n - 1) % 10000 + 1`);
    await sql(`
      INSERT INTO payments (id, reservation_id, provider, provider_payment_id, amount_minor,
                            currency, status, created_at, updated_at)
      SELECT gen_random_uuid(), r.id, 'SIMULATED', 'pi_sim_' || replace(r.id::text, '-', ''),
             r.amount_minor, r.currency, 'COMPLETED', r.confirmed_at, now()
        FROM reservations r WHERE r.schedule_id = '${show.scheduleId}' AND r.status = 'CONFIRMED'`);
  }
  await sql("ANALYZE");
  const counts = await database.prisma.reservation.groupBy({
    by: ["scheduleId"],
    _count: { _all: true },
  });
  console.log(
    `seeded ${counts.map((row) => row._count._all).join(" + ")} orders, ${BUYERS} buyers in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`,
  );
  const { sessionVersion } = await database.prisma.user.update({
    where: { id: organizer.id },
    data: { role: "ADMIN" },
  });

  const web = await startWebServer({
    databaseUrl: database.url,
    env: { BENCH_ROUTES: "1", LOG_LEVEL: "error", DATABASE_POOL_MAX: "4" },
  });
  try {
    const cookie = await sessionCookie(web.secrets.nextAuth, organizer, { sessionVersion });
    const getJson = async (path: string) => {
      const response = await fetch(`${web.baseUrl}${path}`, { headers: { cookie } });
      const body = (await response.json()) as {
        data?: { orders: unknown[]; nextCursor: string | null };
      };
      if (response.status !== 200 || !body.data) throw new Error(`${path}: ${response.status}`);
      return body.data;
    };
    // A cursor 90,000 orders in, as the list makes it (the 90,000th order's sort key).
    const [deep] = await database.prisma.$queryRawUnsafe<{ created_at: Date; id: string }[]>(
      `SELECT created_at, id FROM reservations WHERE schedule_id = $1::uuid
        ORDER BY created_at DESC, id DESC OFFSET 89999 LIMIT 1`,
      big.scheduleId,
    );
    if (!deep) throw new Error("no deep order");
    const deepCursor = Buffer.from(
      JSON.stringify(["orders", deep.created_at.toISOString(), deep.id]),
    ).toString("base64url");

    const bare = await timeEach(SAMPLES, async () => {
      await database.prisma.$queryRawUnsafe(
        "SELECT * FROM reservations WHERE schedule_id = $1::uuid LIMIT 50",
        big.scheduleId,
      );
    });
    const offset = await timeEach(10, async () => {
      await database.prisma.$queryRawUnsafe(
        `SELECT * FROM reservations WHERE schedule_id = $1::uuid
          ORDER BY created_at DESC, id DESC OFFSET 90000 LIMIT 50`,
        big.scheduleId,
      );
    });
    const floor = await timeEach(SAMPLES, async () => {
      await (await fetch(`${web.baseUrl}/api/bench/static`)).arrayBuffer();
    });
    const cases: [string, string, number][] = [
      [
        "first page (show, 100,000 orders)",
        `/api/admin/schedules/${big.scheduleId}/orders?limit=50`,
        50,
      ],
      [
        "deep page (cursor 90,000 in)",
        `/api/admin/schedules/${big.scheduleId}/orders?limit=50&cursor=${deepCursor}`,
        50,
      ],
      ["search 'minji' (5 orders)", `/api/admin/schedules/${big.scheduleId}/orders?q=minji`, 5],
      [
        "search 'buyer 1' (~22,000 orders)",
        `/api/admin/schedules/${big.scheduleId}/orders?q=buyer%201`,
        50,
      ],
      [
        "search seat 'R50-50' (10 orders)",
        `/api/admin/schedules/${big.scheduleId}/orders?q=R50-50`,
        10,
      ],
      [
        "status=CONFIRMED first page",
        `/api/admin/schedules/${big.scheduleId}/orders?status=CONFIRMED`,
        50,
      ],
      [
        "performance, both shows, first page",
        `/api/admin/performances/${big.performanceId}/orders?limit=50`,
        50,
      ],
    ];
    const bareMs = median(bare);
    const floorMs = median(floor);
    console.log(`\nlist pages, ${SAMPLES} requests each after a warm-up (median / p95, ms)\n`);
    console.log(
      `${"bare SQL: SELECT * ... WHERE schedule_id LIMIT 50".padEnd(52)} ${bareMs.toFixed(2).padStart(7)} / ${p95(bare).toFixed(2).padStart(7)}`,
    );
    console.log(
      `${"bare SQL: ORDER BY ... OFFSET 90,000 LIMIT 50".padEnd(52)} ${median(offset).toFixed(2).padStart(7)} / ${p95(offset).toFixed(2).padStart(7)}`,
    );
    console.log(
      `${"HTTP floor: static JSON route".padEnd(52)} ${floorMs.toFixed(2).padStart(7)} / ${p95(floor).toFixed(2).padStart(7)}`,
    );
    for (const [label, path, expected] of cases) {
      const first = await getJson(path);
      if (first.orders.length !== expected) {
        throw new Error(`${label}: ${first.orders.length} orders, expected ${expected}`);
      }
      const took = await timeEach(SAMPLES, async () => {
        await getJson(path);
      });
      const ms = median(took);
      console.log(
        `${`API: ${label}`.padEnd(52)} ${ms.toFixed(2).padStart(7)} / ${p95(took).toFixed(2).padStart(7)}   ${(ms / bareMs).toFixed(1)}x bare SQL, ${((ms - floorMs) / bareMs).toFixed(1)}x above the HTTP floor`,
      );
    }

    console.log("\nCSV export (the server's RSS sampled every 5 ms; COPY through psql)\n");
    for (const [label, show, rows] of [
      ["100,000 orders", big, BIG],
      ["10,000 orders", small, SMALL],
      ["100,000 orders (2nd)", big, BIG],
      ["100,000 orders (3rd)", big, BIG],
      ["100,000 orders (4th)", big, BIG],
    ] as const) {
      await measureExport({ web, cookie, database, label, scheduleId: show.scheduleId, rows });
    }
  } finally {
    await web.stop();
  }

  // The RSS above rises until the young generation (64 MB semi-spaces, the flags `npm start`
  // passes) is collected: garbage, not rows kept. A server whose old space is capped far
  // below what one export's rows and text would need if they were kept proves it: it
  // serves the exports one after another without running out of memory.
  const capped = await startWebServer({
    databaseUrl: database.url,
    env: {
      LOG_LEVEL: "error",
      DATABASE_POOL_MAX: "4",
      NODE_OPTIONS: `--max-old-space-size=${CAPPED_OLD_SPACE_MB}`,
    },
  });
  try {
    const cookie = await sessionCookie(capped.secrets.nextAuth, organizer, { sessionVersion });
    console.log(
      `\nCSV export from a server with --max-old-space-size=${CAPPED_OLD_SPACE_MB} (its old space; the young generation as above)\n`,
    );
    for (const label of ["100,000 orders", "100,000 orders (2nd)", "100,000 orders (3rd)"]) {
      await measureExport({
        web: capped,
        cookie,
        database,
        label,
        scheduleId: big.scheduleId,
        rows: BIG,
      }).catch((error: unknown) => {
        throw new Error(`the capped server failed: ${capped.stderr().slice(-3_000)}`, {
          cause: error,
        });
      });
    }
    // A server out of memory dies mid-download, and measureExport throws on the short file.
    console.log(
      `${"".padEnd(24)} all three complete: the capped server kept nothing between batches`,
    );
  } finally {
    await capped.stop();
  }
}

/** One CSV download: time, size and the server's RSS, against COPY of the same rows. */
async function measureExport({
  web,
  cookie,
  database,
  label,
  scheduleId,
  rows,
}: {
  web: RunningWebServer;
  cookie: string;
  database: TestDatabase;
  label: string;
  scheduleId: string;
  rows: number;
}): Promise<void> {
  const before = rssKb(web.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(web.pid));
  }, 5);
  const started = performance.now();
  const response = await fetch(`${web.baseUrl}/api/admin/schedules/${scheduleId}/orders.csv`, {
    headers: { cookie },
  });
  if (!response.body || response.status !== 200) throw new Error(`export: ${response.status}`);
  let bytes = 0;
  let lines = 0;
  // The peak so far each time another 10% of the rows has arrived: flat once the young
  // generation is full, if nothing the stream made is kept.
  const checkpoints: number[] = [];
  for await (const chunk of response.body) {
    bytes += chunk.length;
    for (const byte of chunk) {
      if (byte !== 10) continue;
      lines += 1;
      if (lines % (rows / 10) === 0) checkpoints.push(Math.max(peak, rssKb(web.pid)) - before);
    }
  }
  const ms = performance.now() - started;
  clearInterval(sampler);
  if (lines !== rows + 1) throw new Error(`export: ${lines} lines, expected ${rows + 1}`);
  const copy = await psqlCopy(database.url, exportQuery(scheduleId));
  const bareCopy = await psqlCopy(
    database.url,
    `SELECT * FROM reservations WHERE schedule_id = '${scheduleId}'`,
  );
  console.log(
    `${label.padEnd(24)} export ${(ms / 1000).toFixed(2)} s, ${(bytes / 1e6).toFixed(1)} MB, server RSS +${((peak - before) / 1024).toFixed(1)} MB (from ${(before / 1024).toFixed(0)} MB); COPY of the same query ${(copy.ms / 1000).toFixed(2)} s (${(copy.bytes / 1e6).toFixed(1)} MB): ${(ms / copy.ms).toFixed(1)}x; bare COPY of the rows ${(bareCopy.ms / 1000).toFixed(2)} s`,
  );
  console.log(
    `${"".padEnd(24)} server RSS over the start at each 10% of the rows (MB): ${checkpoints.map((kb) => (kb / 1024).toFixed(0)).join(" ")}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
