import { z } from "zod";
import { AppError } from "@ticketping/common/errors";

/**
 * A page's position as an opaque string: base64url of the last row's sort key, tagged with
 * the list it belongs to. Opaque so that clients pass it back rather than build one; checked
 * on the way in, so a damaged or foreign cursor is a 400 naming `cursor`, never a 500 or a
 * silently wrong page.
 */
/** A sort key's instant: ISO 8601 that is also a real date (no 31 February). */
export const cursorInstant = z.iso
  .datetime()
  .refine((text) => !Number.isNaN(Date.parse(text)) && new Date(text).toISOString() === text);

export function encodeCursor(list: string, key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([list, ...key])).toString("base64url");
}

export function decodeCursor<Key extends z.ZodType>(
  cursor: string,
  list: string,
  key: Key,
): z.infer<Key> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed[0] !== list) throw invalidCursor();
  const result = key.safeParse(parsed.slice(1));
  if (!result.success) throw invalidCursor();
  return result.data;
}

function invalidCursor(): AppError {
  return new AppError("VALIDATION_FAILED", "invalid cursor", {
    userMessage: "The page cursor is not valid: start again from the first page.",
    details: {
      issues: [
        {
          path: "cursor",
          message: "Not a cursor of this list: pass back a nextCursor as it was given.",
          code: "INVALID_CURSOR",
        },
      ],
    },
  });
}
