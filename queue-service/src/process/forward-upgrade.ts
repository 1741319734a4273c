import type { IncomingMessage } from "node:http";
import { connect } from "node:net";
import type { Duplex } from "node:stream";
import type { Sibling } from "./forward-request";
import { SIBLING_HEADER } from "./sibling-messages";

/**
 * Pipes a polling session's upgrade to WebSocket through to the process that holds the
 * session, for the life of the WebSocket. Only a client that opened with long-polling
 * upgrades with a session id; one that opens with a WebSocket is served where it landed.
 */
export function forwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  to: Pick<Sibling, "port" | "secret">,
): void {
  const upstream = connect({ host: "127.0.0.1", port: to.port });
  const lines = [`${req.method ?? "GET"} ${req.url ?? "/"} HTTP/1.1`];
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) {
    const name = req.rawHeaders[index] as string;
    if (name.toLowerCase() !== SIBLING_HEADER) lines.push(`${name}: ${req.rawHeaders[index + 1]}`);
  }
  lines.push(`${SIBLING_HEADER}: ${to.secret}`, "", "");
  upstream.write(lines.join("\r\n"));
  if (head.length > 0) upstream.write(head);
  upstream.pipe(socket);
  socket.pipe(upstream);
  const close = () => {
    upstream.destroy();
    socket.destroy();
  };
  for (const end of [upstream, socket]) {
    end.on("error", close);
    end.on("close", close);
  }
}
