import { issuedPowChallengeSchema, powChallengeQuerySchema } from "../../pow/schemas";
import type { Operation } from "../operation";

export const proofOfWorkOperations: Operation[] = [
  {
    method: "get",
    path: "/api/pow/challenge",
    operationId: "getPowChallenge",
    tag: "Proof of work",
    summary: "A fresh, signed proof-of-work challenge for a sign-up or for entering a line",
    description:
      "`purpose=signup`, or `purpose=queue&performanceId=…`. Solve it (see the challenge's description and web/README.md, Proof of work) and send it with the solution as `pow` within `expiresAt`; each solves one request of that purpose. `required: false` when the purpose asks for none now.",
    access: "public",
    query: powChallengeQuerySchema,
    answers: { 200: { description: "The challenge.", data: issuedPowChallengeSchema } },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  },
];
