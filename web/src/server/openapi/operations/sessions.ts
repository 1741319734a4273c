import { revokedSessionsSchema } from "../../accounts/sessions-schema";
import type { Operation } from "../operation";

export const sessionOperations: Operation[] = [
  {
    method: "post",
    path: "/api/me/sessions/revoke",
    operationId: "revokeMySessions",
    tag: "Sessions",
    summary: "Signs the caller out everywhere: every session of the user ends",
    description:
      "On every device, this one included (the answer clears its cookie). Sessions carry the version they were opened under; this bumps the user's, and every web process refuses older sessions within `SESSION_CHECK_TTL_SECONDS` (at most 60 s), the one that answered at once. A role change or a deleted user ends sessions the same way. Sign in again for a new session.",
    access: "session",
    answers: {
      200: {
        description: "Every session of the user has ended.",
        data: revokedSessionsSchema,
        headers: {
          "Set-Cookie": {
            description: "`next-auth.session-token` emptied (Max-Age=0; HttpOnly; SameSite=Lax).",
            required: true,
          },
        },
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
];
