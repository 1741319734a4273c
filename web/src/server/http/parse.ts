import "server-only";
import type { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { readLimitedText } from "./read-limited-body";

/** 16 KB: every body our APIs accept is a small JSON object. */
const MAX_JSON_BYTES = 16 * 1024;

function validationError(error: z.ZodError, where: string): AppError {
  return new AppError("VALIDATION_FAILED", `invalid ${where}`, {
    userMessage: "Some fields are not valid.",
    details: {
      issues: error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: issue.message,
        // A rule's own stable code (e.g. UNKNOWN_TIME_ZONE), for clients that branch on it.
        ...(issue.code === "custom" && typeof issue.params?.code === "string"
          ? { code: issue.params.code }
          : {}),
      })),
    },
  });
}

export async function parseJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("VALIDATION_FAILED", "content-type is not JSON", {
      userMessage: "Send the request body as application/json.",
    });
  }
  const text = await readLimitedText(request, MAX_JSON_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION_FAILED", "body is not JSON", {
      userMessage: "The request body is not valid JSON.",
    });
  }
  const result = schema.safeParse(json);
  if (!result.success) throw validationError(result.error, "body");
  return result.data;
}

/** A plain HTML form's body (application/x-www-form-urlencoded or multipart). */
export async function parseFormBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.infer<Schema>> {
  const form = await request.formData().catch(() => null);
  const result = schema.safeParse(form ? Object.fromEntries(form) : {});
  if (!result.success) throw validationError(result.error, "form");
  return result.data;
}

export function parseSearchParams<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): z.infer<Schema> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error, "query");
  return result.data;
}

export function parseParams<Schema extends z.ZodType>(
  params: unknown,
  schema: Schema,
): z.infer<Schema> {
  const result = schema.safeParse(params);
  if (!result.success) {
    // A malformed id in the path names nothing that exists.
    throw new AppError("NOT_FOUND", "invalid path parameter");
  }
  return result.data;
}
