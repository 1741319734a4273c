import { once } from "node:events";
import { connect } from "node:net";

export interface RawAnswer {
  status: number;
  body: string;
}

/**
 * Sends one raw HTTP/1.1 request on a connection of its own, stopping two bytes short of
 * its end until `whileHeld` has looked at the connection (which process accepted it, say),
 * then finishes it and reads the answer: to the end (a request with `Connection: close`),
 * or only its head (an upgrade, whose connection stays open).
 */
export async function heldRequest(
  port: number,
  request: string,
  whileHeld: (localPort: number) => Promise<void>,
  until: "end" | "head" = "end",
): Promise<RawAnswer> {
  const socket = connect({ host: "127.0.0.1", port });
  try {
    await once(socket, "connect");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended =
      until === "end"
        ? once(socket, "end")
        : new Promise<void>((resolve) => {
            socket.on("data", () => {
              if (Buffer.concat(chunks).includes("\r\n\r\n")) resolve();
            });
          });
    socket.write(request.slice(0, -2));
    await whileHeld(socket.localPort ?? 0);
    socket.write(request.slice(-2));
    await ended;
    const text = Buffer.concat(chunks).toString("utf8");
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
    return { status, body: text.slice(text.indexOf("\r\n\r\n") + 4) };
  } finally {
    socket.destroy();
  }
}
