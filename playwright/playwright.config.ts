import { randomBytes } from "node:crypto";
import { defineConfig, devices } from "@playwright/test";
import { E2E_GITHUB_CLIENT_ID, e2eEnv } from "./env";

// The servers run with NODE_ENV=production, which refuses missing or development secrets.
// `npm test` passes its generated ones; a bare `playwright test` gets random ones here.
// Set on process.env, so the servers and the spec workers (which sign tokens and tickets
// the servers must accept) see the same values.
for (const name of [
  "NEXTAUTH_SECRET",
  "QUEUE_TICKET_SECRET",
  "QUEUE_TOKEN_SECRET",
  "STRIPE_WEBHOOK_SECRET",
  "E2E_GITHUB_SECRET",
  "POW_HMAC_SECRET",
  "TICKET_SIGNING_KEY",
  "EMAIL_TOKEN_SECRET",
]) {
  process.env[name] ??= randomBytes(32).toString("base64url");
}
// A Redis namespace of their own, per run (its web port): a queue service ticks every queue
// of its prefix, and one reading the e2e database must not tick (and mark unknown) the
// queues of `npm start` or of another run beside it.
process.env.QUEUE_KEY_PREFIX ??= `ticketping-e2e-${e2eEnv.E2E_WEB_PORT}:`;
// Likewise for holds: the e2e worker must not take the expiries of other runs' holds.
process.env.SEAT_KEY_PREFIX ??= `ticketping-e2e-${e2eEnv.E2E_WEB_PORT}:`;

const webUrl = `http://127.0.0.1:${e2eEnv.E2E_WEB_PORT}`;
const queueUrl = `http://127.0.0.1:${e2eEnv.E2E_QUEUE_PORT}`;
const githubUrl = `http://127.0.0.1:${e2eEnv.E2E_GITHUB_PORT}`;
const groupSuffix = e2eEnv.E2E_GROUP_SUFFIX ?? String(e2eEnv.E2E_WEB_PORT);
const systemEnv = {
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  DATABASE_URL: e2eEnv.E2E_DATABASE_URL,
  REDIS_URL: e2eEnv.REDIS_URL,
  KAFKA_BROKERS: e2eEnv.KAFKA_BROKERS,
  // Buyers pay on the simulated page; production runs it only when named.
  PAYMENT_PROVIDER: "simulated",
  // The worker's mail goes to Mailpit, its links to the web app under test.
  SMTP_URL: e2eEnv.E2E_SMTP_URL,
  PUBLIC_WEB_URL: webUrl,
};

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    // `npm test` collects every runner's counts into one closing line.
    ...(process.env.TEST_RESULTS_DIR
      ? [["json", { outputFile: `${process.env.TEST_RESULTS_DIR}/playwright.json` }] as const]
      : []),
  ],
  outputDir: "test-results",
  expect: {
    // Baselines (specs/*-snapshots/, named for Linux: Debian's Chromium on the CI machine
    // type) are made by `npm run screenshots:update`. A broken layout moves far more than
    // this share of the page; anti-aliasing on a loaded machine should move none.
    toHaveScreenshot: { maxDiffPixelRatio: 0.001, animations: "disabled", caret: "hide" },
  },
  use: {
    baseURL: webUrl,
    // The specs read English: the site speaks the browser's language, so the browser's is
    // English whatever the machine's (languages.spec.ts asks for Korean itself).
    locale: "en-US",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        // Debian's Chromium: Playwright's own browser download cannot run offline.
        launchOptions: {
          executablePath: e2eEnv.CHROMIUM_PATH,
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  // The real system as production runs it: the built web app (`npm run build -w
  // @ticketping/web` first), and the queue service and the worker, each bundled afresh
  // (under a second) and run as their Docker images run them.
  webServer: [
    {
      name: "web",
      command: "npm run start -w @ticketping/web",
      cwd: "..",
      url: `${webUrl}/api/health`,
      env: {
        ...systemEnv,
        HOSTNAME: "127.0.0.1",
        PORT: String(e2eEnv.E2E_WEB_PORT),
        NEXTAUTH_URL: webUrl,
        QUEUE_PUBLIC_URL: queueUrl,
        // Specs stand in for a proxy on loopback: their X-Forwarded-For names the client.
        TRUSTED_PROXIES: "127.0.0.0/8,::1",
        // GitHub is the local one github-sign-in.spec.ts starts on this port.
        GITHUB_ID: E2E_GITHUB_CLIENT_ID,
        GITHUB_SECRET: process.env.E2E_GITHUB_SECRET ?? "",
        GITHUB_URL: githubUrl,
        GITHUB_API_URL: `${githubUrl}/api/v3`,
        // Browsers solve the proof of work in every sign-up and line as in production, a
        // light one (a few tens of ms); fixtures creating accounts solve it in Node.
        POW_SIGNUP_COMPLEXITY: "500",
        POW_QUEUE_COMPLEXITY: "500",
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "queue-service",
      command:
        "npm run --silent build -w @ticketping/queue-service && npm run start -w @ticketping/queue-service",
      cwd: "..",
      url: `${queueUrl}/health`,
      env: {
        ...systemEnv,
        QUEUE_SERVICE_PORT: String(e2eEnv.E2E_QUEUE_PORT),
        QUEUE_CORS_ORIGINS: webUrl,
        QUEUE_CONSUMER_GROUP_ID: `ticketping-queue-service-e2e-${groupSuffix}`,
        // Fast enough that a spec sees the line move within a second of each change.
        QUEUE_TICK_MS: "100",
        QUEUE_PROGRESS_INTERVAL_MS: "200",
        QUEUE_PROGRESS_KEEPALIVE_MS: "1000",
        QUEUE_SETTINGS_REFRESH_MS: "500",
        QUEUE_SWEEP_INTERVAL_MS: "1000",
        // Every browser and every simulated buyer of a run connects from 127.0.0.1.
        QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: "100000",
        // The session door asks the same proof of work as the web app's ticket route.
        POW_QUEUE_COMPLEXITY: "500",
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "worker",
      command:
        "npm run --silent build -w @ticketping/worker && npm run start -w @ticketping/worker",
      cwd: "..",
      url: `http://127.0.0.1:${e2eEnv.E2E_WORKER_PORT}/health`,
      env: {
        ...systemEnv,
        WORKER_HEALTH_PORT: String(e2eEnv.E2E_WORKER_PORT),
        // Runs side by side (each with its own database) need groups of their own: Kafka
        // would otherwise hand one run's events to another run's worker.
        WORKER_GROUP_ID: `ticketping-worker-e2e-${groupSuffix}`,
      },
      reuseExistingServer: false,
      timeout: 90_000,
    },
  ],
});
