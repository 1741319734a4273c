import "server-only";
import { createTicketSigner, type TicketSigner } from "@ticketping/common/tickets";
import { env } from "@/env";

let signer: TicketSigner | undefined;

/** The process's ticket signer, derived once from TICKET_SIGNING_KEY. */
export function ticketSigner(): TicketSigner {
  signer ??= createTicketSigner(env.TICKET_SIGNING_KEY);
  return signer;
}
