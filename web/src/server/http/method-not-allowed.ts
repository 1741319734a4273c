import { Server, ServerResponse, type IncomingMessage } from "node:http";
import { allowedMethods } from "./allowed-methods";

/**
 * Gaps of Next.js in how it refuses a method, closed where the server receives each
 * request, before Next.js reads it:
 * - Next.js turns every request into a WHATWG Request, and fetch forbids TRACE (it would
 *   echo a request's cookies back to a script): the constructor threw, and every TRACE got
 *   a 500. Other methods outside its own list (QUERY, PROPFIND...) got an empty 400,
 *   though nothing is wrong with the request. Both are answered 405 here.
 * - Next.js's own 405 (a method a route does not export) has no Allow header, which
 *   RFC 9110 requires: it is added from the route table.
 */
const ROUTED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const stateKey = Symbol.for("ticketping.method-not-allowed");

function allowHeader(request: IncomingMessage): string | undefined {
  const pathname = (request.url ?? "/").split("?")[0] ?? "/";
  return allowedMethods(pathname)?.join(", ");
}

/** Whether writeHead's headers argument (an object, or a flat [name, value, ...] list) has Allow. */
function namesAllow(headers: unknown): boolean {
  if (Array.isArray(headers)) {
    return headers.some((item, index) => index % 2 === 0 && String(item).toLowerCase() === "allow");
  }
  if (typeof headers !== "object" || headers === null) return false;
  return Object.keys(headers).some((name) => name.toLowerCase() === "allow");
}

/**
 * Every response's writeHead, once for the process: a 405 without Allow gets the route's
 * methods. (A response knows its request: `req`.)
 */
function addAllowTo405s(): void {
  const prototype = ServerResponse.prototype as { writeHead: (...args: unknown[]) => unknown };
  const writeHead = prototype.writeHead;
  prototype.writeHead = function writeHeadWithAllow(this: ServerResponse, ...args: unknown[]) {
    if (args[0] === 405 && !args.some((arg) => namesAllow(arg)) && !this.hasHeader("allow")) {
      const allow = allowHeader(this.req);
      if (allow) this.setHeader("allow", allow);
    }
    return writeHead.apply(this, args);
  };
}

export function installMethodNotAllowed(): void {
  const state = globalThis as Record<symbol, boolean | undefined>;
  if (state[stateKey]) return;
  state[stateKey] = true;
  addAllowTo405s();
  // eslint-disable-next-line @typescript-eslint/unbound-method -- always called with the server
  const emit = Server.prototype.emit as (event: string | symbol, ...args: unknown[]) => boolean;
  Server.prototype.emit = function emitWithMethodRefusals(
    this: Server,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      const response = args[1] as ServerResponse;
      if (!ROUTED_METHODS.has(request.method ?? "")) {
        const allow = allowHeader(request);
        response.writeHead(allow ? 405 : 404, {
          ...(allow ? { allow } : {}),
          "cache-control": "no-store",
          "content-length": "0",
          "x-content-type-options": "nosniff",
        });
        response.end();
        return true;
      }
    }
    return emit.apply(this, [event, ...args]);
  };
}
