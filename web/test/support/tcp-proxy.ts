import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  /** The target's URL with the proxy's address: hand it to the server under test. */
  url: string;
  /** The target "goes away": open connections are dropped and new ones refused. */
  cut: () => Promise<void>;
  /** It is back, on the same address. */
  restore: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A plain TCP hop on loopback in front of a real service (PostgreSQL, Redis), so a test
 * can watch what one server under test sends, or take the service away from it, without
 * touching the service every other test shares. `watchClient` is called once per
 * connection and returns what sees that client's bytes, in order, before they go on.
 */
export async function startTcpProxy({
  targetUrl,
  defaultPort,
  watchClient,
}: {
  targetUrl: string;
  defaultPort: number;
  watchClient?: () => (chunk: Buffer) => void;
}): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = createConnection({
          host: target.hostname,
          port: Number(target.port || defaultPort),
        });
        track(client);
        track(upstream);
        if (watchClient) client.on("data", watchClient());
        client.pipe(upstream).pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      next.once("error", reject);
      next.listen(port, "127.0.0.1", () => {
        const address = next.address();
        port = typeof address === "object" && address ? address.port : port;
        server = next;
        resolve();
      });
    });

  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise((resolve) => closing.close(resolve));
  };

  await listen();
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { url: url.toString(), cut, restore: listen, close: cut };
}
