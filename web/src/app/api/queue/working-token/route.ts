import { env } from "@/env";
import { requireBuyer } from "@/server/booking/gate/require-buyer";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { acceptWorkingToken } from "@/server/queue/accept-working-token";
import {
  workingTokenBodySchema,
  type ClearedWorkingToken,
  type StoredWorkingToken,
} from "@/server/queue/schemas";
import { clearedWorkingTokenCookie, workingTokenCookie } from "@/server/queue/working-token-cookie";

export const dynamic = "force-dynamic";

const secure = env.NEXTAUTH_URL.startsWith("https://");

/**
 * POST stores the working token the waiting room just claimed in an httpOnly cookie, once
 * it is proven to be this buyer's live grant; the booking pages then read it from there.
 */
export const POST = route(async (request) => {
  const user = await requireBuyer(request);
  const { token } = await parseJsonBody(request, workingTokenBodySchema);
  const accepted = await acceptWorkingToken({ userId: user.id, token });
  const stored: StoredWorkingToken = {
    performanceId: accepted.performanceId,
    expiresAt: new Date(accepted.expiresAtMs).toISOString(),
  };
  return jsonResponse(stored, {
    headers: {
      "set-cookie": workingTokenCookie({ token, expiresAtMs: accepted.expiresAtMs, secure }),
    },
  });
});

/** DELETE forgets the working token (the slot itself is the queue service's to end). */
export const DELETE = route(() => {
  const cleared: ClearedWorkingToken = { cleared: true };
  return Promise.resolve(
    jsonResponse(cleared, { headers: { "set-cookie": clearedWorkingTokenCookie({ secure }) } }),
  );
});
