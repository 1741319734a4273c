import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface CuttableDbProxy {
  /** DATABASE_URL for the server under test: the real one, with the proxy's port. */
  url: string;
  /** PostgreSQL "goes away": open connections are dropped and new ones refused. */
  cut: () => Promise<void>;
  /** It is back on the same address. */
  restore: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * A plain TCP hop in front of the real PostgreSQL, so a test can take the database away
 * from one server under test (as a restart or a network cut does) without stopping the
 * PostgreSQL every other test shares.
 */
export async function startCuttableDbProxy(databaseUrl: string): Promise<CuttableDbProxy> {
  const target = new URL(databaseUrl);
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
          port: Number(target.port || 5432),
        });
        track(client);
        track(upstream);
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
    await new Promise<void>((resolve) => {
      if (closing)
        closing.close(() => {
          resolve();
        });
      else resolve();
    });
  };

  await listen();
  const url = new URL(databaseUrl);
  url.port = String(port);
  return { url: url.toString(), cut, restore: listen, close: cut };
}
