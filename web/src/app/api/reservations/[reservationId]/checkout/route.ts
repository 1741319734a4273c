import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { reservationParamsSchema } from "@/server/reservations/schemas";
import { getCheckout } from "@/server/payments/get-checkout";
import { startCheckout } from "@/server/payments/start-checkout";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ reservationId: string }> };

/** The buyer's reservation as checkout shows it: status, reason, hold expiry, seats. */
export const GET = route(async (_request: Request, context: Context) => {
  const { reservationId } = parseParams(await context.params, reservationParamsSchema);
  const user = await requireUser();
  return jsonResponse(await getCheckout({ userId: user.id, reservationId }));
});

/**
 * Opens the payment page of the buyer's hold; answers the URL to send the browser to. The
 * hold is the entitlement: no working token needed.
 */
export const POST = route(
  async (_request: Request, context: Context) => {
    const { reservationId } = parseParams(await context.params, reservationParamsSchema);
    const user = await requireUser();
    const checkout = await startCheckout({
      userId: user.id,
      email: user.email,
      reservationId,
    });
    return jsonResponse(checkout);
  },
  { bookingStep: true },
);
