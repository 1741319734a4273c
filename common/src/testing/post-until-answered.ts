import { request } from "node:http";

export interface EarlyAnswer {
  status: number;
  body: string;
  /** Body bytes written before the answer came; the rest was never sent. */
  sentBytes: number;
}

/**
 * POSTs a large body in 64 KB chunks (chunked unless `headers` declares a length), at the
 * pace the server reads it, and stops sending as soon as an answer arrives: shows whether
 * the server answered before reading everything.
 */
export function postUntilAnswered(
  url: string,
  {
    totalBytes,
    headers,
    localAddress,
  }: {
    totalBytes: number;
    headers: Record<string, string>;
    /** The source address to send from (a loopback address of its own, for rate limits). */
    localAddress?: string;
  },
): Promise<EarlyAnswer> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const outgoing = request(url, { method: "POST", headers, localAddress }, (response) => {
      answered = true;
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => {
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(parts).toString(),
          sentBytes,
        });
        outgoing.destroy();
      });
    });
    // The server may close the connection on a body it refused; the answer is what counts.
    outgoing.on("error", (error) => {
      if (!answered) reject(error);
    });
    const writeMore = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!outgoing.write(chunk)) {
          outgoing.once("drain", writeMore);
          return;
        }
      }
      if (!answered) outgoing.end();
    };
    writeMore();
  });
}
