import { request } from "node:http";
import type { Attack } from "../attack";
import { loopbackAddress } from "../http";

const BODY_BYTES = 20 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

interface StreamedBody {
  status: number;
  code: string | undefined;
  /** How much of the 20 MB had been written when the answer came. */
  sentBytes: number;
}

/**
 * Streams a 20 MB body in 64 KiB chunks, chunked (no Content-Length: the server has to
 * count), and stops writing as soon as an answer arrives.
 */
function streamBody(url: string): Promise<StreamedBody> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const req = request(
      url,
      {
        method: "POST",
        localAddress: loopbackAddress(),
        headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          let code: string | undefined;
          try {
            code = (JSON.parse(Buffer.concat(chunks).toString()) as { error?: { code?: string } })
              .error?.code;
          } catch {
            code = undefined;
          }
          req.destroy();
          resolve({ status: response.statusCode ?? 0, code, sentBytes });
        });
      },
    );
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const write = () => {
      while (!answered && sentBytes < BODY_BYTES) {
        sentBytes += CHUNK.length;
        if (!req.write(CHUNK)) {
          req.once("drain", write);
          return;
        }
      }
      if (!answered) req.end();
    };
    write();
  });
}

/** 20 MB bodies to the two public endpoints that take one. */
export const hugeBodies: Attack = async ({ webUrl }) => {
  const outcomes = [];
  for (const path of ["/api/webhooks/stripe", "/api/auth/signup"]) {
    const answer = await streamBody(new URL(path, webUrl).toString());
    outcomes.push({
      attack: `a 20 MB chunked body to ${path}`,
      expected: "413 PAYLOAD_TOO_LARGE long before the end",
      observed: `${answer.status} ${answer.code ?? ""} after ${(answer.sentBytes / 1024 / 1024).toFixed(1)} MB sent`,
      held:
        answer.status === 413 &&
        answer.code === "PAYLOAD_TOO_LARGE" &&
        answer.sentBytes < BODY_BYTES / 2,
    });
  }
  return outcomes;
};
