import { request, type Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { withoutHopByHop } from "./hop-by-hop";
import { SIBLING_HEADER } from "./sibling-messages";

export interface Sibling {
  port: number;
  secret: string;
  agent: Agent;
}

/**
 * Relays one long-polling request to the process that holds its session, over loopback.
 * Only requests of an open session come here, so the handshake, and with it the client's
 * address for the per-address limit, stays with the process that accepted the connection.
 */
export function forwardRequest(req: IncomingMessage, res: ServerResponse, to: Sibling): void {
  const upstream = request({
    host: "127.0.0.1",
    port: to.port,
    method: req.method,
    path: req.url,
    headers: { ...withoutHopByHop(req.headers), [SIBLING_HEADER]: to.secret },
    agent: to.agent,
  });
  upstream.on("response", (answer) => {
    res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
    answer.pipe(res);
  });
  upstream.on("error", () => {
    // The sibling closed or died: the client reconnects, as after any lost session.
    if (res.headersSent) res.destroy();
    else res.writeHead(502, { "content-type": "text/plain" }).end();
  });
  // A long poll the client gave up on must not hold the sibling's answer open.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
