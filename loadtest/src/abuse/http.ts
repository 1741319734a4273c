import { request } from "node:http";
import { randomInt } from "node:crypto";

export interface Answer {
  status: number;
  /** The error code of a JSON error body, when there is one. */
  code: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A fresh address on the loopback network (all of 127.0.0.0/8 is this machine), so each
 * attacker and each victim is a different TCP peer, as on the internet, and no bucket is
 * shared with another attack, another run or another test.
 */
export function loopbackAddress(): string {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

/** One HTTP request from `from` (a loopback address), answered in full. */
export function send(
  baseUrl: string,
  {
    method = "GET",
    path,
    headers = {},
    body,
    from,
  }: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    from: string;
  },
): Promise<Answer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress: from,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: response.statusCode ?? 0,
            code: errorCodeOf(text),
            headers: response.headers,
            body: text,
          });
        });
        response.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function errorCodeOf(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === "string" ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}

/** "10 × 201, 190 × 429 RATE_LIMITED": how a batch of answers came out, most common first. */
export function tally(outcomes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([outcome, count]) => `${count} × ${outcome}`)
    .join(", ");
}

export const outcomeOf = (answer: Pick<Answer, "status" | "code">): string =>
  answer.code ? `${answer.status} ${answer.code}` : String(answer.status);
