import { postUntilAnswered } from "@ticketping/common/testing";
import type { Attack } from "../attack";
import { loopbackAddress } from "../http";

const BODY_BYTES = 20 * 1024 * 1024;

/** The error code of a JSON error answer, if it is one. */
function codeOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

/** 20 MB bodies to the two public endpoints that take one. */
export const hugeBodies: Attack = async ({ webUrl }) => {
  const outcomes = [];
  for (const path of ["/api/webhooks/stripe", "/api/auth/signup"]) {
    // Chunked (no Content-Length): the server has to count.
    const answer = await postUntilAnswered(new URL(path, webUrl).toString(), {
      totalBytes: BODY_BYTES,
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
      localAddress: loopbackAddress(),
    });
    const code = codeOf(answer.body);
    outcomes.push({
      attack: `a 20 MB chunked body to ${path}`,
      expected: "413 PAYLOAD_TOO_LARGE long before the end",
      observed: `${answer.status} ${code ?? ""} after ${(answer.sentBytes / 1024 / 1024).toFixed(1)} MB sent`,
      held:
        answer.status === 413 && code === "PAYLOAD_TOO_LARGE" && answer.sentBytes < BODY_BYTES / 2,
    });
  }
  return outcomes;
};
