import { createHmac } from "node:crypto";

/**
 * A buyer's id in one sale's public record: the first 64 bits of HMAC-SHA-256 of the user id
 * under the sale's own secret key. The buyer can be shown it; nobody else can link it to
 * them, and ids of different sales cannot be linked to each other.
 */
export function pseudonymOf(pseudonymKey: string, userId: string): string {
  return createHmac("sha256", Buffer.from(pseudonymKey, "hex"))
    .update(userId)
    .digest("hex")
    .slice(0, 16);
}
