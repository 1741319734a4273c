import { isIP } from "node:net";
import type { TrustedProxies } from "./trusted-proxies";

/** At most this many X-Forwarded-For entries are read; more is a client padding the list. */
const MAX_FORWARDED_ENTRIES = 20;

/**
 * A bare address from a socket or an X-Forwarded-For entry, or undefined when it is not
 * one. IPv4-mapped IPv6 ("::ffff:10.0.0.1", what a dual-stack socket reports) becomes the
 * IPv4 address, so one client has one bucket whichever way it connected.
 */
export function normalizeAddress(raw: string): string | undefined {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.replace(/:\d+$/, "");
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  const family = isIP(address);
  if (family === 0) return undefined;
  return family === 6 ? address.toLowerCase() : address;
}

function isTrusted(address: string, trusted: TrustedProxies, hopsWalked: number): boolean {
  switch (trusted.kind) {
    case "none":
      return false;
    case "hops":
      return hopsWalked < trusted.hops;
    case "networks":
      return trusted.networks.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");
  }
}

/**
 * Who is calling, for per-address limits: the socket's peer, unless that peer is a
 * trusted proxy, in which case the address it appended to X-Forwarded-For, and so on to
 * the right-most hop we do not trust. Entries left of that were written by the client
 * and are never read; an entry that is not an address stops the walk at the hop that
 * passed it on.
 */
export function clientAddress({
  peer,
  forwardedFor,
  trusted,
}: {
  /** The TCP peer's address as the socket reports it. */
  peer: string | undefined;
  /** Every X-Forwarded-For header value, in the order received. */
  forwardedFor: string | readonly string[] | null | undefined;
  trusted: TrustedProxies;
}): string {
  let current = peer === undefined ? undefined : normalizeAddress(peer);
  if (current === undefined) return "unknown";
  if (trusted.kind === "none" || forwardedFor == null) return current;

  const hops = (typeof forwardedFor === "string" ? [forwardedFor] : forwardedFor)
    .join(",")
    .split(",")
    .slice(-MAX_FORWARDED_ENTRIES)
    .reverse();
  for (const [walked, hop] of hops.entries()) {
    if (!isTrusted(current, trusted, walked)) break;
    const next = normalizeAddress(hop);
    if (next === undefined) break;
    current = next;
  }
  return current;
}
