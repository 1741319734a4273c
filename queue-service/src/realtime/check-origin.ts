import type { IncomingMessage } from "node:http";

/** The message of the HTTP 403 body ({code: 4, message}) for a foreign Origin. Stable. */
export const ORIGIN_NOT_ALLOWED = "ORIGIN_NOT_ALLOWED";

/**
 * Engine.IO's allowRequest: runs on the HTTP request that opens the connection (polling
 * handshake or WebSocket upgrade), before Socket.IO sees it. A browser always sends
 * Origin here, so a page of another site cannot open the socket with a buyer's ticket
 * (CORS alone never stops a WebSocket). Without Origin the caller is no browser and
 * could send any Origin anyway: the ticket and the per-address limit stand for it.
 */
export function allowOrigins(allowed: readonly string[]) {
  const origins = new Set(allowed.map((origin) => new URL(origin).origin));
  return (request: IncomingMessage, callback: (error: string | null, ok: boolean) => void) => {
    const origin = request.headers.origin;
    if (origin === undefined || origins.has(origin)) {
      callback(null, true);
      return;
    }
    callback(ORIGIN_NOT_ALLOWED, false);
  };
}
