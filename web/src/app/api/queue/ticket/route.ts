import { requireBuyer } from "@/server/booking/gate/require-buyer";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { issueQueueTicket } from "@/server/queue/issue-queue-ticket";
import { queueTicketBodySchema } from "@/server/queue/schemas";

export const dynamic = "force-dynamic";

/** POST /api/queue/ticket {performanceId, pow?, presaleCode?}: a signed-in buyer's ticket to open the queue socket. */
export const POST = route(async (request) => {
  const user = await requireBuyer(request);
  const { performanceId, pow, presaleCode } = await parseJsonBody(request, queueTicketBodySchema);
  return jsonResponse(await issueQueueTicket({ userId: user.id, performanceId, pow, presaleCode }));
});
