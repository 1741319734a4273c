import "server-only";
import {
  createTicketSigner,
  ticketKeyRing,
  type TicketPublicKey,
  type TicketSigner,
} from "@ticketping/common/tickets";
import { env } from "@/env";

let signer: TicketSigner | undefined;
let keys: TicketPublicKey[] | undefined;

/** The process's ticket signer, derived once from TICKET_SIGNING_KEY. */
export function ticketSigner(): TicketSigner {
  signer ??= createTicketSigner(env.TICKET_SIGNING_KEY);
  return signer;
}

/**
 * Every key whose codes the door admits: the current one first, then the previous ones of
 * TICKET_SIGNING_KEYS_PREVIOUS. The check-in API, the door's offline list and
 * GET /api/tickets/keys all read this one list.
 */
export function trustedTicketKeys(): TicketPublicKey[] {
  keys ??= ticketKeyRing(ticketSigner().publicKey, env.TICKET_SIGNING_KEYS_PREVIOUS);
  return keys;
}
