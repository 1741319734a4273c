import type { ExtendedError } from "socket.io";
import { clientAddress, type TrustedProxies } from "@ticketping/common/http";
import { connectError } from "./connect-error";
import type { RateLimiter } from "./rate-limiter";
import type { QueueSocket } from "./types";

/**
 * io.use middleware, first in line: names the caller's address (the TCP peer unless a
 * trusted proxy vouches for another) and refuses a handshake over the address's budget,
 * before any ticket is checked or Redis is asked.
 */
export function limitConnectionsPerAddress(options: {
  trustedProxies: TrustedProxies;
  perAddress: RateLimiter;
}) {
  return (socket: QueueSocket, next: (error?: ExtendedError) => void): void => {
    const address = clientAddress({
      peer: socket.handshake.address,
      forwardedFor: socket.handshake.headers["x-forwarded-for"],
      trusted: options.trustedProxies,
    });
    socket.data.ip = address;
    if (!options.perAddress.take(address)) {
      next(
        connectError("RATE_LIMITED", {
          retryAfterSeconds: Math.ceil(options.perAddress.retryAfterMs(address) / 1000),
        }),
      );
      return;
    }
    next();
  };
}
