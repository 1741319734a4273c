import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { ticketSigner } from "@/server/tickets/ticket-signer";

/** GET /api/tickets/keys: the public keys that verify ticket codes, for scanners offline. */
export const GET = route(() => Promise.resolve(jsonResponse({ keys: [ticketSigner().publicKey] })));
