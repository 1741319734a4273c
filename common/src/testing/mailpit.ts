import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { z } from "zod";
import { freePort } from "./free-port";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../../..");
const mailpitScript = path.join(repoRoot, "scripts/mailpit.sh");

const address = z.object({ Name: z.string(), Address: z.string() });

const summary = z.looseObject({
  ID: z.string(),
  MessageID: z.string(),
  From: address.nullable(),
  To: z.array(address).nullable(),
  Subject: z.string(),
  Created: z.string(),
});
export type MailpitSummary = z.infer<typeof summary>;

const list = z.looseObject({ total: z.number(), messages: z.array(summary) });

const part = z.looseObject({
  PartID: z.string(),
  FileName: z.string(),
  ContentType: z.string(),
  ContentID: z.string(),
});
export type MailpitPart = z.infer<typeof part>;

const message = z.looseObject({
  Attachments: z.array(part).default([]),
  /** Parts the HTML shows by `cid:` (images). */
  Inline: z.array(part).default([]),
  ID: z.string(),
  MessageID: z.string(),
  From: address.nullable(),
  To: z.array(address).nullable(),
  Subject: z.string(),
  Text: z.string(),
  HTML: z.string(),
});
export type MailpitMessage = z.infer<typeof message>;

/** Mailpit's HTTP API (v1): what arrived, for tests to read. */
export class MailpitClient {
  constructor(readonly apiUrl: string) {}

  /** The newest messages first. */
  async list({ limit = 50 }: { limit?: number } = {}): Promise<MailpitSummary[]> {
    return list.parse(await this.get(`/api/v1/messages?limit=${limit}`)).messages;
  }

  /** How many messages the inbox holds. */
  async total(): Promise<number> {
    return list.parse(await this.get("/api/v1/messages?limit=1")).total;
  }

  async message(id: string): Promise<MailpitMessage> {
    return message.parse(await this.get(`/api/v1/message/${encodeURIComponent(id)}`));
  }

  /** Messages to one address (Mailpit's search `to:"..."`), newest first. */
  async to(recipient: string, { limit = 50 }: { limit?: number } = {}): Promise<MailpitSummary[]> {
    const query = encodeURIComponent(`to:"${recipient}"`);
    return list.parse(await this.get(`/api/v1/search?query=${query}&limit=${limit}`)).messages;
  }

  /**
   * Waits until `count` messages to the recipient have arrived, then returns them all
   * (newest first); throws with what did arrive when the time runs out.
   */
  async waitFor(
    recipient: string,
    { count = 1, timeoutMs = 15_000 }: { count?: number; timeoutMs?: number } = {},
  ): Promise<MailpitSummary[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.to(recipient);
      if (found.length >= count) return found;
      if (Date.now() > deadline) {
        throw new Error(`${found.length} of ${count} mails to ${recipient} arrived in time`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async deleteAll(): Promise<void> {
    const response = await fetch(new URL("/api/v1/messages", this.apiUrl), { method: "DELETE" });
    if (!response.ok) throw new Error(`Mailpit: DELETE /api/v1/messages: ${response.status}`);
  }

  /** The bytes of one part of a message (an attachment, an inline image). */
  async part(messageId: string, partId: string): Promise<Uint8Array> {
    const url = new URL(
      `/api/v1/message/${encodeURIComponent(messageId)}/part/${encodeURIComponent(partId)}`,
      this.apiUrl,
    );
    const response = await fetch(url);
    if (!response.ok) throw new Error(`Mailpit: GET part ${partId}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  private async get(pathAndQuery: string): Promise<unknown> {
    const response = await fetch(new URL(pathAndQuery, this.apiUrl));
    if (!response.ok) throw new Error(`Mailpit: GET ${pathAndQuery}: ${response.status}`);
    return response.json();
  }
}

export interface OwnMailpit {
  smtpUrl: string;
  client: MailpitClient;
  /** SIGTERM, resolved once the process is gone: SMTP refuses connections from then on. */
  stop: () => Promise<void>;
  /** Starts it again on the same ports and database; resolves when its API answers. */
  start: () => Promise<void>;
  /** Stops it for good and removes its database. */
  remove: () => Promise<void>;
}

/**
 * A Mailpit process of the test's own on free ports, so a test can take SMTP away and
 * bring it back without touching the Mailpit everyone else uses. The binary is the one
 * scripts/mailpit.sh builds (it builds it on first use).
 */
export async function startOwnMailpit(): Promise<OwnMailpit> {
  const { stdout } = await run("bash", [mailpitScript, "bin"], { timeout: 300_000 });
  const binary = stdout.trim();
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const dir = await mkdtemp(path.join(tmpdir(), "ticketping-mailpit-"));
  const args = [
    "--smtp",
    `127.0.0.1:${smtpPort}`,
    "--listen",
    `127.0.0.1:${httpPort}`,
    "--database",
    path.join(dir, "mailpit.db"),
    "--disable-version-check",
    "--smtp-disable-rdns",
    // Mailpit keeps 500 by default, dropping the oldest: a benchmark sends more.
    "--max",
    "100000",
  ];
  const client = new MailpitClient(`http://127.0.0.1:${httpPort}`);
  let child: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const started = spawn(binary, args, { stdio: "ignore" });
    child = started;
    const deadline = Date.now() + 15_000;
    while (
      !(await client.list({ limit: 1 }).then(
        () => true,
        () => false,
      ))
    ) {
      if (started.exitCode !== null) throw new Error(`mailpit exited with ${started.exitCode}`);
      if (Date.now() > deadline) throw new Error("mailpit did not answer in time");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const stop = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    client,
    stop,
    start,
    remove: async () => {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
