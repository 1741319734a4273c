import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import { DEFAULT_QUEUE_LISTEN_BACKLOG } from "@ticketping/common/queue";

// The load test's reference: Socket.IO with nothing of ours, in a process of its own like
// the queue service, on a free loopback port. Every handshake is accepted; the run opens
// as many sockets here as it has buyers and compares its front door with that rate.
const http = createServer();
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 16 * 1024 });
http.listen({ port: 0, host: "127.0.0.1", backlog: DEFAULT_QUEUE_LISTEN_BACKLOG }, () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: "listening", port })}\n`);
});
process.once("SIGTERM", () => {
  void io.close(() => process.exit(0));
});
