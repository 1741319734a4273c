import { z } from "zod";
import { env } from "@/env";
import { requireBuyer } from "@/server/booking/require-buyer";
import { parseJsonBody } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { acceptWorkingToken } from "@/server/queue/accept-working-token";
import { clearedWorkingTokenCookie, workingTokenCookie } from "@/server/queue/working-token-cookie";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ token: z.string().min(1).max(2048) }).strict();
const secure = env.NEXTAUTH_URL.startsWith("https://");

/**
 * POST stores the working token the waiting room just claimed in an httpOnly cookie, once
 * it is proven to be this buyer's live grant; the booking pages then read it from there.
 */
export const POST = route(async (request) => {
  const user = await requireBuyer(request);
  const { token } = await parseJsonBody(request, bodySchema);
  const accepted = await acceptWorkingToken({ userId: user.id, token });
  return jsonResponse(
    {
      performanceId: accepted.performanceId,
      expiresAt: new Date(accepted.expiresAtMs).toISOString(),
    },
    {
      headers: {
        "set-cookie": workingTokenCookie({ token, expiresAtMs: accepted.expiresAtMs, secure }),
      },
    },
  );
});

/** DELETE forgets the working token (the slot itself is the queue service's to end). */
export const DELETE = route(() =>
  Promise.resolve(
    jsonResponse(
      { cleared: true },
      { headers: { "set-cookie": clearedWorkingTokenCookie({ secure }) } },
    ),
  ),
);
