import cluster from "node:cluster";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { z } from "zod";
import { loadEnvOrExit } from "@ticketping/common/env";
import { DEFAULT_QUEUE_LISTEN_BACKLOG } from "@ticketping/common/queue";

// The load test's reference: Socket.IO with nothing of ours, in a process of its own like
// the queue service, on a free loopback port. Every handshake is accepted; the run opens
// as many sockets here as it has buyers and compares its front door with that rate. With
// BARE_PROCESSES > 1 (as many as the queue service has, when one process could not hold
// every socket) node:cluster's own round-robin shares one port out among that many
// processes: the plainest way Node.js has, where the queue service's primary reads each
// first request to pick the least busy process.
const env = loadEnvOrExit({
  BARE_PROCESSES: z.coerce.number().int().min(1).default(1),
});

function report(port: number): void {
  process.stdout.write(`${JSON.stringify({ msg: "listening", port })}\n`);
}

if (cluster.isPrimary && env.BARE_PROCESSES > 1) {
  const workers = Array.from({ length: env.BARE_PROCESSES }, () => cluster.fork());
  // Listening only once every process takes connections, so none gets all the first ones.
  const ports = await Promise.all(
    workers.map(
      (worker) =>
        new Promise<number>((resolve) => {
          worker.once("message", (message: { port: number }) => {
            resolve(message.port);
          });
        }),
    ),
  );
  process.once("SIGTERM", () => {
    for (const worker of workers) worker.process.kill("SIGTERM");
    process.exit(0);
  });
  report(ports[0] ?? 0);
} else {
  const http = createServer();
  const io = new Server(http, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
  // Port 0 in every cluster process gives them all the same port, chosen once.
  http.listen({ port: 0, host: "127.0.0.1", backlog: DEFAULT_QUEUE_LISTEN_BACKLOG }, () => {
    const { port } = http.address() as AddressInfo;
    if (cluster.isWorker) process.send?.({ port });
    else report(port);
  });
  process.once("SIGTERM", () => {
    void io.close(() => process.exit(0));
  });
}
