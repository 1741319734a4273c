import { randomBytes, timingSafeEqual } from "node:crypto";
import {
  Agent,
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Duplex } from "node:stream";
import type { QueueServer } from "../realtime/types";
import { forwardRequest } from "./forward-request";
import { forwardUpgrade } from "./forward-upgrade";
import { ownerOfRequest, tagSessionId } from "./session-owner";
import { SIBLING_HEADER, siblingsSchema, type Siblings } from "./sibling-messages";

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface SiblingDoor {
  /** Loopback port where this process takes its own sessions' requests from siblings. */
  port: number;
  close: () => Promise<void>;
}

/**
 * In one of several processes sharing the public port (primary.ts): names this process in
 * every engine.io session id, sends a request for a sibling's session on to that sibling,
 * and opens the loopback door where siblings send this process's sessions. The door takes
 * only requests of a session of this process carrying the siblings' secret, so nobody
 * can open a session there, past the per-address limit of the public port.
 */
export async function joinSiblings(
  io: QueueServer,
  http: Server,
  workerId: number,
): Promise<SiblingDoor> {
  let siblings: Siblings | undefined;
  process.on("message", (message) => {
    const parsed = siblingsSchema.safeParse(message);
    if (parsed.success) siblings = parsed.data;
  });
  io.engine.generateId = () => tagSessionId(workerId, randomBytes(15).toString("base64url"));

  const agent = new Agent({ keepAlive: true });
  const onRequest = http.listeners("request") as RequestListener[];
  const onUpgrade = http.listeners("upgrade") as UpgradeListener[];
  http.removeAllListeners("request");
  http.removeAllListeners("upgrade");
  const siblingOf = (req: IncomingMessage) => {
    const owner = ownerOfRequest(req.url);
    if (owner === undefined || owner === workerId || !siblings) return undefined;
    const port = siblings.ports[String(owner)];
    // A session of a process that is gone: engine.io here answers "Session ID unknown".
    return port === undefined ? undefined : { port, secret: siblings.secret, agent };
  };
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of onRequest) listener.call(http, req, res);
  };
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    for (const listener of onUpgrade) listener.call(http, req, socket, head);
  };
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const sibling = siblingOf(req);
    if (sibling) forwardRequest(req, res, sibling);
    else serve(req, res);
  });
  http.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const sibling = siblingOf(req);
    if (sibling) forwardUpgrade(req, socket, head, sibling);
    else upgrade(req, socket, head);
  });

  const vouched = (req: IncomingMessage) => {
    const given = Buffer.from(String(req.headers[SIBLING_HEADER] ?? ""));
    const secret = Buffer.from(siblings?.secret ?? "");
    return (
      secret.length > 0 &&
      given.length === secret.length &&
      timingSafeEqual(given, secret) &&
      ownerOfRequest(req.url) === workerId
    );
  };
  const door = createServer((req, res) => {
    if (vouched(req)) serve(req, res);
    else res.writeHead(403, { "content-type": "text/plain" }).end();
  });
  door.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (vouched(req)) upgrade(req, socket, head);
    else socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n");
  });
  // Exclusive: this port is the process's own, not one the cluster shares out.
  await new Promise<void>((resolve, reject) => {
    door.once("error", reject);
    door.listen({ host: "127.0.0.1", port: 0, exclusive: true }, resolve);
  });
  const address = door.address();
  if (typeof address !== "object" || !address) throw new Error("the sibling door has no port");
  return {
    port: address.port,
    close: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => {
        door.close(() => {
          resolve();
        });
        door.closeAllConnections();
      });
    },
  };
}
