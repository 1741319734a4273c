import { BlockList, isIP } from "node:net";
import { z } from "zod";

/**
 * Which hops in front of us may tell us who the client is. Without a proxy we own, any
 * X-Forwarded-For is written by the client itself, so "none" is the only safe default.
 */
export type TrustedProxies =
  | { kind: "none" }
  /** This many proxies of ours stand in front, each appending the address it saw. */
  | { kind: "hops"; hops: number }
  /** Any peer in these networks is one of our proxies. */
  | { kind: "networks"; networks: BlockList; text: string[] };

/** Accepts "1.2.3.4" and "::1" as well as "10.0.0.0/8", "fd00::/8". */
function addNetwork(list: BlockList, entry: string): boolean {
  const [address = "", prefixText, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  const maxPrefix = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(maxPrefix)) || prefix > maxPrefix) return false;
  list.addSubnet(address, prefix, type);
  return true;
}

/**
 * TRUSTED_PROXIES: unset or 0 = none (X-Forwarded-For ignored); a whole number = that
 * many proxy hops; otherwise a comma-separated list of addresses and CIDR networks.
 */
export const trustedProxiesSchema = z
  .string()
  .optional()
  .transform((value, context): TrustedProxies => {
    const text = value?.trim() ?? "";
    if (text === "" || text === "0") return { kind: "none" };
    if (/^\d+$/.test(text)) {
      const hops = Number(text);
      if (hops > 10) {
        context.addIssue({ code: "custom", message: "at most 10 proxy hops" });
        return z.NEVER;
      }
      return { kind: "hops", hops };
    }
    const entries = text.split(",").map((entry) => entry.trim());
    const networks = new BlockList();
    const invalid = entries.filter((entry) => !addNetwork(networks, entry));
    if (invalid.length > 0) {
      context.addIssue({
        code: "custom",
        message: `not a hop count, address or CIDR network: ${invalid.join(", ")}`,
      });
      return z.NEVER;
    }
    return { kind: "networks", networks, text: entries };
  });
