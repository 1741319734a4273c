import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { trustedTicketKeys } from "@/server/tickets/ticket-signer";

/** GET /api/tickets/keys: the public keys that verify ticket codes (current first), for scanners offline. */
export const GET = route(() => Promise.resolve(jsonResponse({ keys: trustedTicketKeys() })));
