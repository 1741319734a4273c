import { defineConfig, devices } from "@playwright/test";
import { e2eEnv } from "./env";

const webUrl = `http://127.0.0.1:${e2eEnv.E2E_WEB_PORT}`;
const systemEnv = {
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  DATABASE_URL: e2eEnv.E2E_DATABASE_URL,
  REDIS_URL: e2eEnv.REDIS_URL,
  KAFKA_BROKERS: e2eEnv.KAFKA_BROKERS,
};

export default defineConfig({
  testDir: "./specs",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results",
  use: {
    baseURL: webUrl,
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
  // The real system: the built web app, the queue service and the worker.
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
      },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "queue-service",
      command: "npm run start -w @ticketping/queue-service",
      cwd: "..",
      url: `http://127.0.0.1:${e2eEnv.E2E_QUEUE_PORT}/health`,
      env: { ...systemEnv, QUEUE_SERVICE_PORT: String(e2eEnv.E2E_QUEUE_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      name: "worker",
      command: "npm run start -w @ticketping/worker",
      cwd: "..",
      url: `http://127.0.0.1:${e2eEnv.E2E_WORKER_PORT}/health`,
      env: {
        ...systemEnv,
        WORKER_HEALTH_PORT: String(e2eEnv.E2E_WORKER_PORT),
        WORKER_GROUP_ID: "ticketping-worker-e2e",
      },
      reuseExistingServer: false,
      timeout: 90_000,
    },
  ],
});
