import { requireUser } from "@/server/auth/session";
import { sendVerificationMail } from "@/server/accounts/send-verification-mail";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";

/** POST /api/auth/verification-mail: mails the signed-in user a new verification link. */
export const POST = route(async () => {
  const user = await requireUser();
  return jsonResponse(await sendVerificationMail({ userId: user.id }), { status: 202 });
});
