import "server-only";
import { AppError } from "@ticketping/common/errors";

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", "request body over the limit", {
    details: { maxBytes },
  });
}

/**
 * The body as text, refused with 413 as soon as it is known to pass `maxBytes`: a declared
 * Content-Length over the limit before a byte is read, otherwise (chunked, or a length
 * that lies) the running count of what has arrived. request.text() would first read
 * everything a client cares to send, however large.
 */
export async function readLimitedText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      // Stop pulling: the rest of the body is never read into memory.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
