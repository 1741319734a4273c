import { z } from "zod";

/** URL-safe names: lower-case words joined by single hyphens, e.g. "aurora-symphony-live". */
export const slugSchema = z
  .string()
  .min(3, "Use at least 3 characters.")
  .max(120, "Use at most 120 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.");
