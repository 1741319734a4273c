import { requireBuyer } from "@/server/booking/require-buyer";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { issueQueueTicket } from "@/server/queue/issue-queue-ticket";

export const dynamic = "force-dynamic";

/** POST /api/queue/ticket: a signed-in buyer's ticket to open the queue socket. No body. */
export const POST = route(async (request) => {
  const user = await requireBuyer(request);
  return jsonResponse(await issueQueueTicket({ userId: user.id }));
});
