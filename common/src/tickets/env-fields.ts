import { z } from "zod";
import { developmentSecret } from "../env";

/** A raw 32-byte Ed25519 public key in base64url, as GET /api/tickets/keys lists it. */
const ED25519_PUBLIC_KEY = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/**
 * TICKET_SIGNING_KEY, read by web (My tickets, the door) and the worker (tickets in the
 * confirmation mail): the secret the Ed25519 key is derived from. Outside production a
 * published development value keeps `npm run dev` working; production refuses it
 * (exitOnPublishedSecrets), so a deployment always signs with a key of its own.
 *
 * TICKET_SIGNING_KEYS_PREVIOUS, read by web only (it verifies; the worker only signs):
 * the public keys of earlier signing keys whose codes doors still admit, comma-separated.
 * Public halves only, so rotating never leaves an old secret lying about.
 */
export const ticketEnvFields = {
  signingKey: z
    .string()
    .min(32, "must be at least 32 characters")
    .default(developmentSecret("TICKET_SIGNING_KEY")),
  previousPublicKeys: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((key) => key.trim())
        .filter((key) => key !== ""),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            ED25519_PUBLIC_KEY,
            "each must be a raw Ed25519 public key in base64url (43 characters), as GET /api/tickets/keys lists it",
          ),
      ),
    ),
};
