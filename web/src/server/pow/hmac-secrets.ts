import "server-only";
import { createHmac } from "node:crypto";
import { env } from "@/env";

/**
 * The two HMAC keys of ALTCHA's deterministic mode, both from POW_HMAC_SECRET: one signs
 * the challenge's parameters, the other the key the solver must find, so checking a
 * solution is two HMACs and never the key derivation itself.
 */
export const powHmacSecrets = {
  challenge: env.POW_HMAC_SECRET,
  derivedKey: createHmac("sha256", env.POW_HMAC_SECRET)
    .update("ticketping pow derived-key signature")
    .digest("hex"),
};
