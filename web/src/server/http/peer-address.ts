import { randomBytes } from "node:crypto";
import { Server, type IncomingMessage } from "node:http";

/**
 * Next.js gives route handlers no socket, and the X-Forwarded-For it adds is kept when a
 * client sent its own. So this process stamps every request with its TCP peer, under a
 * header it always overwrites, signed with a key only this process knows: a request that
 * reached the server before the stamp was installed, or a client sending the header
 * itself, carries no valid stamp and is never believed.
 */
const HEADER = "x-ticketping-peer";

interface PeerStampState {
  key: string;
  installed: boolean;
}

// One state per process: Next.js bundles instrumentation and each route separately, so a
// module-level variable would give each bundle a key of its own.
const stateKey = Symbol.for("ticketping.peer-address");
const state = ((globalThis as Record<symbol, PeerStampState | undefined>)[stateKey] ??= {
  key: randomBytes(16).toString("hex"),
  installed: false,
});

function stamp(request: IncomingMessage): void {
  request.headers[HEADER] = `${state.key} ${request.socket.remoteAddress ?? ""}`;
}

/**
 * Stamps each request of every HTTP server of this process as the server receives it,
 * before Next.js reads it. Called once at start-up (instrumentation), before the first
 * request is handled; Next.js's server already exists then, hence the prototype.
 */
export function installPeerAddressStamp(): void {
  if (state.installed) return;
  state.installed = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- always called with the server
  const emit = Server.prototype.emit as (event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function emitWithPeerStamp(
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === "request" || event === "upgrade") stamp(args[0] as IncomingMessage);
    return emit.apply(this, [event, ...args]);
  };
}

/** The TCP peer of the request, or undefined when this process did not stamp it. */
export function peerAddress(headers: Headers): string | undefined {
  const value = headers.get(HEADER);
  if (!value) return undefined;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== state.key) return undefined;
  return value.slice(space + 1) || undefined;
}
