// Browser-side calls to our own JSON APIs, which answer { data } or { error }.

export interface FieldIssue {
  path: string;
  message: string;
  /** A rule's own stable code, where it has one (e.g. UNKNOWN_TIME_ZONE). */
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> | undefined,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The fields a VALIDATION_FAILED names, first issue of each field first. */
  issues(): FieldIssue[] {
    return Array.isArray(this.details?.issues) ? (this.details.issues as FieldIssue[]) : [];
  }

  /** Validation messages by field path ("name", "grades.0.priceMinor", ...), in English. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const issue of this.issues()) errors[issue.path] ??= issue.message;
    return errors;
  }

  /** details.reason of a CONFLICT, e.g. "RESERVATIONS_EXIST". */
  get reason(): string | undefined {
    return typeof this.details?.reason === "string" ? this.details.reason : undefined;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

export async function apiRequest<T>(
  url: string,
  {
    method = "GET",
    body,
  }: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(
      0,
      "NETWORK",
      "Could not reach the server. Check your connection.",
      undefined,
    );
  }
  const json = (await response.json().catch(() => ({}))) as ErrorBody & { data?: T };
  if (!response.ok || json.data === undefined) {
    throw new ApiError(
      response.status,
      json.error?.code ?? "INTERNAL",
      json.error?.message ?? "Something went wrong on our side.",
      json.error?.details,
    );
  }
  return json.data;
}
