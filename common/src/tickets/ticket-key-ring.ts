import { developmentSecret, EnvError } from "../env";
import { createTicketSigner, keyIdOf, type TicketPublicKey } from "./ticket-signing";

/**
 * The keys a door trusts: the current signer's first (it signs every new code), then each
 * previous public key still honoured during a rotation, each with the id its codes carry.
 * A code whose key id is in none of them is INVALID; dropping a key from the list ends
 * every code it signed.
 */
export function ticketKeyRing(
  current: TicketPublicKey,
  previousPublicKeys: readonly string[],
): TicketPublicKey[] {
  const ring = [current];
  for (const publicKey of previousPublicKeys) {
    const keyId = keyIdOf(Buffer.from(publicKey, "base64url"));
    if (!ring.some((key) => key.keyId === keyId)) ring.push({ keyId, publicKey });
  }
  return ring;
}

/**
 * Configuration issues for previous keys whose private half is public: the key derived from
 * the development TICKET_SIGNING_KEY (what a deployment signed with if it ever ran without
 * one) lets anyone sign a ticket, so production refuses to keep trusting it.
 */
export function publishedTicketKeyIssues(previousPublicKeys: readonly string[]): string[] {
  const published = createTicketSigner(developmentSecret("TICKET_SIGNING_KEY")).publicKey;
  return previousPublicKeys.includes(published.publicKey)
    ? [
        `TICKET_SIGNING_KEYS_PREVIOUS: holds the public key of the development TICKET_SIGNING_KEY ` +
          `(key id ${published.keyId}), whose secret is published in the repository, so ` +
          "anyone could sign tickets it verifies; remove it",
      ]
    : [];
}

/** In production, stops the process when a previous key's secret is published. */
export function exitOnPublishedTicketKeys(env: {
  NODE_ENV: string;
  TICKET_SIGNING_KEYS_PREVIOUS: readonly string[];
}): void {
  if (env.NODE_ENV !== "production") return;
  const issues = publishedTicketKeyIssues(env.TICKET_SIGNING_KEYS_PREVIOUS);
  if (issues.length === 0) return;
  console.error(new EnvError(issues).message);
  process.exit(1);
}
