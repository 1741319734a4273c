import type { PrismaClient } from "@ticketping/db";
import { codeOf } from "./patient-http";

/** The names of the health endpoints that answer 200 within 2 s. */
export async function healthyParts(urls: Record<string, string>): Promise<Set<string>> {
  const answers = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) })
        .then((response) => response.ok)
        .catch(() => false);
      return ok ? [name] : [];
    }),
  );
  return new Set(answers.flat());
}

/**
 * Whether what piled up before `since` has gone through: no outbox event written before it
 * is still unpublished, and no payment recorded before it still waits on a PENDING
 * reservation (the worker has decided each one). False while PostgreSQL does not answer.
 */
export async function backlogDrained(
  prisma: PrismaClient,
  scheduleId: string,
  since: Date,
): Promise<boolean> {
  try {
    const [unpublished, undecided] = await Promise.all([
      prisma.outboxEvent.count({ where: { publishedAt: null, createdAt: { lt: since } } }),
      prisma.payment.count({
        where: { createdAt: { lt: since }, reservation: { scheduleId, status: "PENDING" } },
      }),
    ]);
    return unpublished === 0 && undecided === 0;
  } catch {
    return false;
  }
}

/** One answer of the web app to a signed-in buyer's request that needs the database. */
export interface ProbeAnswer {
  /** When it was asked (epoch ms). */
  at: number;
  /** HTTP status, or 0 when no answer came (refused, reset, or slower than the timeout). */
  status: number;
  code: string;
  ms: number;
}

const PROBE_TIMEOUT_MS = 10_000;

/**
 * Asks the web app, as a signed-in buyer, for "My tickets" (read from PostgreSQL) every
 * `intervalMs` until stopped, keeping every answer: what a buyer is told while the database
 * is away, and when it works again.
 */
export class WebDatabaseProbe {
  readonly answers: ProbeAnswer[] = [];
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly options: {
      webUrl: string;
      cookie: string;
      intervalMs: number;
    },
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The latest answer was a success. */
  get working(): boolean {
    return this.answers.at(-1)?.status === 200;
  }

  private async run(): Promise<void> {
    const { webUrl, cookie, intervalMs } = this.options;
    while (this.running) {
      const startedAt = Date.now();
      let status = 0;
      let code: string;
      try {
        const response = await fetch(`${webUrl}/api/me/reservations?limit=1`, {
          headers: { cookie },
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        status = response.status;
        code = status === 200 ? "-" : codeOf(await response.text());
      } catch (error) {
        code = (error as Error).name === "TimeoutError" ? "TIMEOUT" : "NO_ANSWER";
      }
      this.answers.push({ at: startedAt, status, code, ms: Date.now() - startedAt });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
