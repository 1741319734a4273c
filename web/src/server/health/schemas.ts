import { z } from "zod";

const checkSchema = z.enum(["up", "down"]);

/** GET /api/health and /api/ready: 200 when every check is up, 503 otherwise. */
export const healthReportSchema = z.strictObject({
  status: z.enum(["ok", "degraded"]),
  checks: z.strictObject({ database: checkSchema, redis: checkSchema }),
});
