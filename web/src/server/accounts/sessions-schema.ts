import { z } from "zod";

/** The answer of POST /api/me/sessions/revoke. */
export const revokedSessionsSchema = z.strictObject({ revoked: z.literal(true) });
export type RevokedSessions = z.infer<typeof revokedSessionsSchema>;
