import { z } from "zod";
import { developmentSecret } from "../env";

/**
 * TICKET_SIGNING_KEY, read by web (My tickets, the door) and the worker (tickets in the
 * confirmation mail): the secret the Ed25519 key is derived from. Outside production a
 * published development value keeps `npm run dev` working; production refuses it
 * (exitOnPublishedSecrets), so a deployment always signs with a key of its own.
 */
export const ticketEnvFields = {
  signingKey: z
    .string()
    .min(32, "must be at least 32 characters")
    .default(developmentSecret("TICKET_SIGNING_KEY")),
};
