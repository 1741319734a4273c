import { z } from "zod";

/**
 * A presale code as a buyer types it: letters and digits, dashes and spaces allowed (they
 * are dropped before hashing), so `ab12-cd34` and `AB12CD34` are the same code.
 */
export const presaleCodeSchema = z
  .string()
  .trim()
  .min(4, "At least 4 letters or digits.")
  .max(64, "At most 64 characters.")
  .regex(/^[A-Za-z0-9 -]+$/, "Letters, digits and dashes only.");
