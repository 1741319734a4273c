import { createServer, type Server, type ServerResponse } from "node:http";
import { z } from "zod";

/**
 * A Discord webhook's execute payload as Discord documents it, with its limits: content up
 * to 2,000 characters, at most 10 embeds, a title up to 256 and a description up to 4,096,
 * a colour as an integer. What Alertmanager's discord_configs sends must pass.
 */
const discordMessage = z
  .object({
    content: z.string().max(2_000).optional(),
    embeds: z
      .array(
        z
          .object({
            title: z.string().min(1).max(256),
            description: z.string().max(4_096),
            color: z.number().int().min(0).max(0xffffff),
          })
          .strict(),
      )
      .min(1)
      .max(10),
  })
  .strict();

export interface AlertNotification {
  receivedAt: number;
  status: "firing" | "resolved";
  alertname: string;
  title: string;
  description: string;
}

export interface DiscordReceiver {
  url: string;
  notifications: AlertNotification[];
  /** Requests that were not a valid Discord webhook call, with why. */
  rejected: string[];
  close: () => Promise<void>;
}

/**
 * Plays Discord's webhook endpoint for Alertmanager: checks each call against Discord's
 * format (400 otherwise, as Discord answers) and keeps what the alert said. The title is
 * discord.yml's: "🔥 <alertname> (<count>)" firing, "✅ ..." resolved.
 */
export async function startDiscordReceiver(): Promise<DiscordReceiver> {
  const notifications: AlertNotification[] = [];
  const rejected: string[] = [];
  const reject = (response: ServerResponse, why: string) => {
    rejected.push(why);
    response.writeHead(400).end(why);
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      if (request.method !== "POST" || request.url !== "/api/webhooks/0/test") {
        reject(response, `${request.method ?? "?"} ${request.url ?? "?"}`);
        return;
      }
      if (!request.headers["content-type"]?.startsWith("application/json")) {
        reject(response, `content-type ${request.headers["content-type"] ?? "none"}`);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        reject(response, "not JSON");
        return;
      }
      const parsed = discordMessage.safeParse(body);
      if (!parsed.success) {
        reject(
          response,
          `not a Discord message: ${parsed.error.message} in ${JSON.stringify(body)}`,
        );
        return;
      }
      for (const embed of parsed.data.embeds) {
        const title = /^(🔥|✅) (\S+) \(\d+\)$/u.exec(embed.title);
        if (!title?.[2]) {
          reject(response, `unexpected title ${embed.title}`);
          return;
        }
        notifications.push({
          receivedAt: Date.now(),
          status: title[1] === "🔥" ? "firing" : "resolved",
          alertname: title[2],
          title: embed.title,
          description: embed.description,
        });
      }
      // Discord answers a webhook call without ?wait=true with 204.
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/0/test`,
    notifications,
    rejected,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
