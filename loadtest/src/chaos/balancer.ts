import { createServer, connect, type Server, type Socket } from "node:net";

export interface Balancer {
  url: string;
  /** Connections open through it to each upstream port. */
  connections: () => Map<number, number>;
  close: () => Promise<void>;
}

/**
 * The load balancer in front of the queue service instances: a plain TCP proxy on a free
 * loopback port that sends each new connection to the next upstream in turn and skips one
 * that refuses. When an upstream dies, its clients' connections close with it, and they
 * come back through here to another instance, as behind any TCP load balancer.
 */
export async function startBalancer(upstreamPorts: readonly number[]): Promise<Balancer> {
  let next = 0;
  const open = new Map<number, Set<Socket>>(upstreamPorts.map((port) => [port, new Set()]));
  const clients = new Set<Socket>();

  const route = (client: Socket, tried: number) => {
    if (tried >= upstreamPorts.length) {
      client.destroy();
      return;
    }
    const port = upstreamPorts[next++ % upstreamPorts.length] as number;
    const upstream = connect({ host: "127.0.0.1", port });
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      open.get(port)?.add(upstream);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on("error", () => {
      if (!connected) route(client, tried + 1);
      else client.destroy();
    });
    upstream.on("close", () => {
      open.get(port)?.delete(upstream);
      if (connected) client.destroy();
    });
    client.on("close", () => upstream.destroy());
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    clients.add(client);
    client.on("close", () => clients.delete(client));
    client.on("error", () => client.destroy());
    route(client, 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("balancer has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => new Map([...open].map(([port, sockets]) => [port, sockets.size])),
    close: async () => {
      for (const client of clients) client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
