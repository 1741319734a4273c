import { parseSearchParams } from "@/server/http/parse";
import { jsonResponse } from "@/server/http/responses";
import { route } from "@/server/http/route";
import { issuePowChallenge } from "@/server/pow/issue-pow-challenge";
import { powChallengeQuerySchema } from "@/server/pow/schemas";

export const dynamic = "force-dynamic";

/** GET /api/pow/challenge?purpose=signup | ?purpose=queue&performanceId=: a fresh challenge. */
export const GET = route(async (request) => {
  const purpose = parseSearchParams(request, powChallengeQuerySchema);
  return jsonResponse(await issuePowChallenge({ purpose }));
});
