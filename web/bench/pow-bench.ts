/**
 * Proof-of-work benchmark: what a check costs the server (against one bare HMAC-SHA256 of
 * the same bytes, in the same run), what issuing a challenge costs, how long Chromium takes
 * to solve one at the default difficulty on the real sign-up page (production build, its
 * CSP, its Web Workers), and the CPU-seconds a farm spends per 1,000 entries solving the
 * same challenges in Node. Loopback only; needs PostgreSQL, RedisClient, a build
 * (`npm run build -w @ticketping/web`) and Chromium. Run: `npm run bench:pow -w @ticketping/web`.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, randomUUID } from "node:crypto";
import { cpus } from "node:os";
import { createChallenge, solveChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { chromium, type Page } from "playwright-core";
import { z } from "zod";
import { envFields, parseEnv } from "@ticketping/common/env";
import { createRedis } from "@ticketping/common/redis";
import { createTestDatabase } from "@ticketping/db/testing";
import { checkPowSignatures } from "../src/server/pow/check-pow-signatures";
import { DEFAULT_POW_COMPLEXITY, POW_ALGORITHM, POW_COST } from "../src/server/pow/pow-policy";
import { powSolutionSchema } from "../src/server/pow/schemas";
import { startWebServer } from "../test/support/web-server";

const env = parseEnv({
  REDIS_URL: envFields.redisUrl,
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  BENCH_POW_COMPLEXITY: z.coerce.number().int().positive().default(DEFAULT_POW_COMPLEXITY),
  BENCH_POW_CHECKS: z.coerce.number().int().positive().default(3_000),
  BENCH_POW_BROWSER_SOLVES: z.coerce.number().int().positive().default(12),
});

const secret = randomBytes(32).toString("hex");
const keySecret = randomBytes(32).toString("hex");

const micros = (startedMs: number, count: number) =>
  ((performance.now() - startedMs) * 1000) / count;
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
const fixed = (value: number, digits = 1) =>
  value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A challenge as the server makes it, with its solution (we drew the counter). */
async function solvedChallenge(complexity: number) {
  const counter = Math.ceil(complexity / 2) + Math.floor(Math.random() * (complexity / 2));
  const challenge = await createChallenge({
    algorithm: POW_ALGORITHM,
    cost: POW_COST,
    deriveKey,
    counter,
    expiresAt: Math.floor(Date.now() / 1000) + 300,
    data: { purpose: "signup", complexity },
    hmacSignatureSecret: secret,
    hmacKeySignatureSecret: keySecret,
  });
  const solution = await solveChallenge({ challenge, deriveKey, counterStart: counter });
  if (!solution) throw new Error("no solution");
  return { challenge, solution };
}

/**
 * The server's check (verify-pow-solution.ts): checkPowSignatures (two native HMACs), then
 * one Redis SET NX; altcha-lib's own verifySolution beside it for comparison.
 */
async function serverChecks(): Promise<void> {
  const count = env.BENCH_POW_CHECKS;
  const solved = (
    await Promise.all(
      Array.from({ length: count }, () => solvedChallenge(env.BENCH_POW_COMPLEXITY)),
    )
  ).map((pow) => powSolutionSchema.parse(pow));
  const signedBytes = JSON.stringify(solved[0]?.challenge.parameters);
  const redis = createRedis({ url: env.REDIS_URL, connectionName: "pow-bench" });
  const prefix = `pow-bench-${randomUUID()}:`;
  const secrets = { challengeSecret: secret, derivedKeySecret: keySecret };

  const rounds: Record<string, number[]> = { hmac: [], check: [], checkRedis: [], altcha: [] };
  for (let round = 0; round < 5; round++) {
    // The bare reference: one HMAC-SHA256 over the bytes the challenge's signature covers.
    let started = performance.now();
    for (let index = 0; index < count; index++) {
      createHmac("sha256", secret).update(signedBytes).digest("hex");
    }
    rounds.hmac?.push(micros(started, count));

    started = performance.now();
    for (const pow of solved) {
      if (checkPowSignatures(pow, secrets) !== "verified") throw new Error("refused");
    }
    rounds.check?.push(micros(started, count));

    // One at a time, as a ticket request does it: the Redis round trip included.
    started = performance.now();
    for (const pow of solved) {
      if (checkPowSignatures(pow, secrets) !== "verified") throw new Error("refused");
      const key = `${prefix}${round}:${pow.challenge.parameters.nonce}`;
      if ((await redis.set(key, "1", "PX", 300_000, "NX")) === null) throw new Error("replayed");
    }
    rounds.checkRedis?.push(micros(started, count));

    started = performance.now();
    for (const { challenge, solution } of solved) {
      const result = await verifySolution({
        challenge,
        solution,
        deriveKey,
        hmacSignatureSecret: secret,
        hmacKeySignatureSecret: keySecret,
      });
      if (!result.verified) throw new Error("a valid solution was refused");
    }
    rounds.altcha?.push(micros(started, count));
  }
  const keys = await redis.keys(`${prefix}*`);
  for (let index = 0; index < keys.length; index += 500) {
    await redis.del(...keys.slice(index, index + 500));
  }
  await redis.quit();

  const reference = median(rounds.hmac ?? []);
  console.log(
    `\nServer check (${count} checks x 5 rounds, medians; signed parameters ${signedBytes.length} bytes)`,
  );
  console.log("| step | µs per check | vs one HMAC |");
  console.log("| --- | ---: | ---: |");
  for (const [name, label] of [
    ["hmac", "one HMAC-SHA256 of the signed parameters (reference)"],
    ["check", "checkPowSignatures: expiry, signature, derived-key signature"],
    ["checkRedis", "the whole check: checkPowSignatures + Redis SET NX, one at a time"],
    ["altcha", "for comparison: altcha-lib's verifySolution (WebCrypto)"],
  ] as const) {
    const value = median(rounds[name] ?? []);
    console.log(`| ${label} | ${fixed(value)} | ${fixed(value / reference)}× |`);
  }
}

/** Issuing a challenge derives the secret counter's key once (GET /api/pow/challenge). */
async function issuing(): Promise<void> {
  const count = 200;
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let index = 0; index < count; index++) {
    await createChallenge({
      algorithm: POW_ALGORITHM,
      cost: POW_COST,
      deriveKey,
      counter: Math.floor(env.BENCH_POW_COMPLEXITY * 0.75),
      expiresAt: Math.floor(Date.now() / 1000) + 300,
      data: { purpose: "signup", complexity: env.BENCH_POW_COMPLEXITY },
      hmacSignatureSecret: secret,
      hmacKeySignatureSecret: keySecret,
    });
  }
  console.log(
    `\nIssuing a challenge: ${fixed(micros(started, count))} µs wall, ` +
      `${fixed((cpuSeconds(cpu) * 1e6) / count)} µs CPU each (${count} in a row)`,
  );
}

/** The secret counter, found the way a farm would: a tight native PBKDF2 loop. */
function farmSolve(challenge: Challenge): { counter: number; cpuSeconds: number } {
  const { nonce, salt, keyPrefix, cost, keyLength } = challenge.parameters;
  const password = Buffer.alloc(nonce.length / 2 + 4);
  password.write(nonce, "hex");
  const saltBytes = Buffer.from(salt, "hex");
  const prefix = Buffer.from(keyPrefix, "hex");
  const cpu = process.cpuUsage();
  for (let counter = 0; counter <= 0xffffffff; counter++) {
    password.writeUInt32BE(counter, nonce.length / 2);
    const key = pbkdf2Sync(password, saltBytes, cost, keyLength, "sha256");
    if (key.subarray(0, prefix.length).equals(prefix)) {
      return { counter, cpuSeconds: cpuSeconds(cpu) };
    }
  }
  throw new Error("no solution");
}

interface BrowserSolve {
  challenge: Challenge;
  wallMs: number;
}

interface PerTry {
  sha256: number;
  pbkdf2: number;
}

/** One core's cost of one try, in µs: a single SHA-256, or PBKDF2 of POW_COST iterations. */
function nodePerTry(): PerTry {
  const input = randomBytes(36);
  let started = performance.now();
  for (let index = 0; index < 200_000; index++) {
    input.writeUInt32BE(index, 32);
    createHash("sha256").update(input).digest();
  }
  const sha256 = micros(started, 200_000);
  started = performance.now();
  for (let index = 0; index < 1_000; index++) {
    input.writeUInt32BE(index, 32);
    pbkdf2Sync(input.subarray(16), input.subarray(0, 16), POW_COST, 32, "sha256");
  }
  return { sha256, pbkdf2: micros(started, 1_000) };
}

/** The same in a Chromium Web Worker, with WebCrypto as a browser solver uses it. */
async function chromiumPerTry(): Promise<PerTry> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // localhost: a secure context (WebCrypto), outside the app's CSP (blob: workers).
    await page.route("http://localhost/pow-bench", (route) =>
      route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bench</title>" }),
    );
    await page.goto("http://localhost/pow-bench");
    return await perTryIn(page);
  } finally {
    await browser.close();
  }
}

const launchChromium = () =>
  chromium.launch({
    executablePath: env.CHROMIUM_PATH,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });

function perTryIn(page: Page): Promise<PerTry> {
  return page.evaluate(async (cost) => {
    const source = `
      onmessage = async ({ data: cost }) => {
        const input = new Uint8Array(36);
        const view = new DataView(input.buffer);
        let started = performance.now();
        for (let index = 0; index < 50000; index++) {
          view.setUint32(32, index);
          await crypto.subtle.digest("SHA-256", input);
        }
        const sha256 = ((performance.now() - started) * 1000) / 50000;
        started = performance.now();
        for (let index = 0; index < 1000; index++) {
          view.setUint32(32, index);
          const key = await crypto.subtle.importKey("raw", input.subarray(16), "PBKDF2", false, ["deriveBits"]);
          await crypto.subtle.deriveBits(
            { name: "PBKDF2", salt: input.subarray(0, 16), iterations: cost, hash: "SHA-256" },
            key,
            256,
          );
        }
        postMessage({ sha256, pbkdf2: ((performance.now() - started) * 1000) / 1000 });
      };`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    const result = await new Promise<{ sha256: number; pbkdf2: number }>((resolve) => {
      worker.onmessage = (event: MessageEvent<{ sha256: number; pbkdf2: number }>) => {
        resolve(event.data);
      };
      worker.postMessage(cost);
    });
    worker.terminate();
    return result;
  }, POW_COST);
}

/** Chromium on the production sign-up page: from the challenge's arrival to "done". */
async function browserSolves(): Promise<BrowserSolve[]> {
  const database = await createTestDatabase({ label: "pow_bench", maxConnections: 2 });
  const web = await startWebServer({
    databaseUrl: database.url,
    env: { POW_SIGNUP_COMPLEXITY: String(env.BENCH_POW_COMPLEXITY), LOG_LEVEL: "error" },
  });
  const browser = await launchChromium();
  const solves: BrowserSolve[] = [];
  try {
    const context = await browser.newContext();
    // Stamps, inside the page, when the check starts (challenge in hand) and ends.
    await context.addInitScript(() => {
      const marks: { start?: number; end?: number } = {};
      (window as unknown as { powMarks: typeof marks }).powMarks = marks;
      new MutationObserver(() => {
        const state = document
          .querySelector("[data-testid=pow-status]")
          ?.getAttribute("data-state");
        if (state === "checking") marks.start ??= performance.now();
        if (state === "done") marks.end ??= performance.now();
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const page = await context.newPage();
    page.on("pageerror", (error) => {
      console.error("page error:", error.message);
    });
    // One solve to warm up the server and the page's code, not counted.
    for (let run = -1; run < env.BENCH_POW_BROWSER_SOLVES; run++) {
      const challengeAnswer = page.waitForResponse((response) =>
        response.url().includes("/api/pow/challenge"),
      );
      await page.goto(`${web.baseUrl}/signup`);
      const { data } = (await (await challengeAnswer).json()) as {
        data: { challenge: Challenge };
      };
      await page.waitForSelector("[data-testid=pow-status][data-state=done]", {
        timeout: 120_000,
      });
      const marks = await page.evaluate(
        () => (window as unknown as { powMarks: { start?: number; end?: number } }).powMarks,
      );
      if (marks.start === undefined || marks.end === undefined) throw new Error("no marks");
      if (run >= 0) solves.push({ challenge: data.challenge, wallMs: marks.end - marks.start });
    }
  } finally {
    await browser.close();
    await web.stop();
    await database.drop();
  }
  return solves;
}

async function main(): Promise<void> {
  console.log(
    `Proof of work: ${POW_ALGORITHM}, ${POW_COST} iterations per counter, complexity ` +
      `${env.BENCH_POW_COMPLEXITY} (secret counter drawn from ${Math.ceil(env.BENCH_POW_COMPLEXITY / 2)}` +
      ` to ${env.BENCH_POW_COMPLEXITY}); ${cpus().length} cores`,
  );
  await serverChecks();
  await issuing();

  const node = nodePerTry();
  const browser = await chromiumPerTry();
  const solves = await browserSolves();
  console.log(
    "\nOne try on one core (µs): a single SHA-256 of 36 bytes, or PBKDF2 of the challenge's cost",
  );
  console.log("| | Chromium worker (WebCrypto) | Node (native) | Chromium / Node |");
  console.log("| --- | ---: | ---: | ---: |");
  console.log(
    `| SHA-256 | ${fixed(browser.sha256, 2)} | ${fixed(node.sha256, 2)} | ${fixed(browser.sha256 / node.sha256)}× |`,
  );
  console.log(
    `| PBKDF2, ${POW_COST} iterations | ${fixed(browser.pbkdf2)} | ${fixed(node.pbkdf2)} | ${fixed(browser.pbkdf2 / node.pbkdf2)}× |`,
  );
  const rows = solves.map(({ challenge, wallMs }) => ({ wallMs, ...farmSolve(challenge) }));
  console.log(
    `\nThe same ${rows.length} challenges: Chromium (page, Web Workers) and a farm (Node)`,
  );
  console.log(
    "| # | secret counter | Chromium wall ms | Chromium µs per counter (wall) | farm CPU s | farm µs per counter (CPU) |",
  );
  console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
  rows.forEach((row, index) => {
    const tried = row.counter + 1;
    console.log(
      `| ${index + 1} | ${row.counter} | ${fixed(row.wallMs, 0)} | ${fixed((row.wallMs * 1000) / tried)} | ` +
        `${fixed(row.cpuSeconds, 2)} | ${fixed((row.cpuSeconds * 1e6) / tried)} |`,
    );
  });
  const meanWall = rows.reduce((sum, row) => sum + row.wallMs, 0) / rows.length;
  const meanCpu = rows.reduce((sum, row) => sum + row.cpuSeconds, 0) / rows.length;
  const browserPerCounter = median(rows.map((row) => (row.wallMs * 1000) / (row.counter + 1)));
  const farmPerCounter = median(rows.map((row) => (row.cpuSeconds * 1e6) / (row.counter + 1)));
  const expectedCounters = 0.75 * env.BENCH_POW_COMPLEXITY;
  console.log(
    `\nChromium: mean ${fixed(meanWall, 0)} ms, median ${fixed(median(rows.map((row) => row.wallMs)), 0)} ms ` +
      `to solve; expected at the mean counter (${fixed(expectedCounters, 0)}): ` +
      `${fixed((expectedCounters * browserPerCounter) / 1000, 0)} ms`,
  );
  console.log(
    `Farm: mean ${fixed(meanCpu, 2)} CPU s per entry; expected at the mean counter: ` +
      `${fixed((expectedCounters * farmPerCounter) / 1e6, 2)} CPU s per entry, ` +
      `${fixed((expectedCounters * farmPerCounter) / 1e3, 0)} CPU s per 1,000 entries`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
