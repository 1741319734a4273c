import { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { SIMULATED_SESSION_ID_PATTERN } from "@ticketping/common/payments";
import { requireUser } from "@/server/auth/session";
import { parseParams } from "@/server/http/parse";
import { route } from "@/server/http/route";
import { submitSimulatedCheckout } from "@/server/payments/simulated-checkout";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ sessionId: z.string().regex(SIMULATED_SESSION_ID_PATTERN) });
const formSchema = z.object({ outcome: z.enum(["pay", "decline"]) });

/**
 * The simulated payment page's form: delivers the webhook Stripe would send, then sends
 * the browser back to the checkout page, as Stripe's success and cancel URLs do.
 */
export const POST = route(
  async (request: Request, context: { params: Promise<{ sessionId: string }> }) => {
    const { sessionId } = parseParams(await context.params, paramsSchema);
    const user = await requireUser();
    const form = formSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!form.success) throw new AppError("VALIDATION_FAILED", "outcome must be pay or decline");
    const { redirectTo } = await submitSimulatedCheckout({
      sessionId,
      userId: user.id,
      email: user.email,
      outcome: form.data.outcome,
    });
    return new Response(null, { status: 303, headers: { location: redirectTo } });
  },
  { bookingStep: true },
);
