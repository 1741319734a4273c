import { requireUser } from "@/server/auth/session";
import { scheduleParamsSchema } from "@/server/booking/schemas";
import { parseJsonBody, parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { getShowWaitlist } from "@/server/waitlist/get-show-waitlist";
import { joinWaitlist } from "@/server/waitlist/join-waitlist";
import { leaveWaitlist } from "@/server/waitlist/leave-waitlist";
import { joinWaitlistSchema } from "@/server/waitlist/schemas";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ scheduleId: string }> };

/** The show's waitlist: open or closed, sold out or not, its length and the caller's entry. */
export const GET = route(async (_request: Request, context: Context) => {
  const { scheduleId } = parseParams(await context.params, scheduleParamsSchema);
  const user = await requireUser();
  return jsonResponse({ waitlist: await getShowWaitlist({ scheduleId, userId: user.id }) });
});

/** Joins a sold-out show's waitlist {quantity: 1-4}; 201. No place in the queue needed. */
export const POST = route(async (request: Request, context: Context) => {
  const { scheduleId } = parseParams(await context.params, scheduleParamsSchema);
  const user = await requireUser();
  const input = await parseJsonBody(request, joinWaitlistSchema);
  return jsonResponse(
    { waitlist: await joinWaitlist({ scheduleId, userId: user.id, input }) },
    { status: 201 },
  );
});

/** Leaves the show's waitlist (while waiting). */
export const DELETE = route(async (_request: Request, context: Context) => {
  const { scheduleId } = parseParams(await context.params, scheduleParamsSchema);
  const user = await requireUser();
  return jsonResponse({ waitlist: await leaveWaitlist({ scheduleId, userId: user.id }) });
});
