import { createServer } from "node:net";

/**
 * A loopback port nobody listens on right now, for a process that must be told its port
 * before it starts (one that cannot bind port 0 and report what it got).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}
