import { createServer, type Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { Server as SocketServer } from "socket.io";
import { handleHealthRequest } from "@ticketping/common/health";
import { pingRedis, type Redis } from "@ticketping/common/redis";
import type { Logger } from "@ticketping/common/logger";

export interface QueueServiceDeps {
  redis: Redis;
  /** Pub/sub connections for the Socket.IO adapter, so several instances share rooms. */
  adapterPub: Redis;
  adapterSub: Redis;
  logger: Logger;
}

export interface QueueService {
  http: HttpServer;
  io: SocketServer;
  close: () => Promise<void>;
}

export function createQueueService(deps: QueueServiceDeps): QueueService {
  const health = handleHealthRequest({ redis: () => pingRedis(deps.redis) });
  const http = createServer((request, response) => {
    void health(request, response).then((handled) => {
      if (handled || request.url?.startsWith("/socket.io")) return;
      response.writeHead(404, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found." } }));
    });
  });
  const io = new SocketServer(http, {
    adapter: createAdapter(deps.adapterPub, deps.adapterSub),
    // Queue messages are small; a large frame is abuse, not a buyer.
    maxHttpBufferSize: 16 * 1024,
    serveClient: false,
  });

  return {
    http,
    io,
    close: async () => {
      // io.close() also closes the HTTP server and disconnects every socket.
      await new Promise<void>((resolve) => {
        void io.close(() => {
          resolve();
        });
      });
    },
  };
}
