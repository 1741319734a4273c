import "server-only";
import { clientAddress } from "@ticketping/common/http";
import { env } from "@/env";
import { peerAddress } from "./peer-address";

/**
 * The caller's address for per-address limits: the TCP peer, or behind proxies listed in
 * TRUSTED_PROXIES the right-most address they vouch for. "unknown" (one shared bucket)
 * for a request the server did not stamp, which never happens once it has started.
 */
export function clientIp(headers: Headers): string {
  return clientAddress({
    peer: peerAddress(headers),
    forwardedFor: headers.get("x-forwarded-for"),
    trusted: env.TRUSTED_PROXIES,
  });
}
