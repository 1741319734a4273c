export const errorCodes = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  QUEUE_TOKEN_REQUIRED: 403,
  POW_REQUIRED: 403,
  POW_INVALID: 403,
  POW_EXPIRED: 403,
  POW_REPLAYED: 403,
  EMAIL_NOT_VERIFIED: 403,
  PRESALE_CODE_REQUIRED: 403,
  PRESALE_CODE_INVALID: 403,
  PRESALE_CODE_USED_UP: 409,
  VERIFICATION_LINK_INVALID: 400,
  VERIFICATION_LINK_EXPIRED: 410,
  VERIFICATION_LINK_USED: 409,
  EMAIL_ALREADY_VERIFIED: 409,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SEAT_UNAVAILABLE: 409,
  HOLD_LIMIT_REACHED: 409,
  SALE_CLOSED: 409,
  REPORT_NOT_PUBLIC: 409,
  HOLD_EXPIRED: 409,
  WEBHOOK_SIGNATURE_INVALID: 400,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface AppErrorOptions {
  /** Safe to show to the user; defaults to a generic text for the code. */
  userMessage?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The one error type that crosses layers. `message` is for logs; only `code`,
 * `userMessage` and `details` ever reach a client, and for INTERNAL not even details.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = options.userMessage ?? defaultUserMessages[code];
    this.details = options.details;
  }

  get httpStatus(): number {
    return errorCodes[this.code];
  }

  /** The body a client may see. */
  toResponseBody(): {
    error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
  } {
    const exposeDetails = this.code !== "INTERNAL" && this.details !== undefined;
    return {
      error: {
        code: this.code,
        message: this.userMessage,
        ...(exposeDetails ? { details: this.details } : {}),
      },
    };
  }

  static from(error: unknown): AppError {
    if (error instanceof AppError) return error;
    return new AppError("INTERNAL", error instanceof Error ? error.message : String(error), {
      cause: error,
    });
  }
}

const defaultUserMessages: Record<ErrorCode, string> = {
  VALIDATION_FAILED: "The request is not valid.",
  UNAUTHENTICATED: "Please sign in.",
  FORBIDDEN: "You are not allowed to do that.",
  CSRF_REJECTED: "This request did not come from this site's own pages.",
  QUEUE_TOKEN_REQUIRED: "Please wait your turn in the queue.",
  POW_REQUIRED: "Your browser needs to complete a short check first.",
  POW_INVALID: "Your browser's check did not pass. Please try again.",
  POW_EXPIRED: "Your browser's check took too long. Please try again.",
  POW_REPLAYED: "Your browser's check was already used. Please try again.",
  EMAIL_NOT_VERIFIED: "Confirm your email address first: open the link we mailed you.",
  PRESALE_CODE_REQUIRED: "This sale is in its presale: enter your presale code to join the line.",
  PRESALE_CODE_INVALID: "This presale code is not valid for this performance.",
  PRESALE_CODE_USED_UP: "This presale code has been used up.",
  VERIFICATION_LINK_INVALID: "This confirmation link is not valid.",
  VERIFICATION_LINK_EXPIRED: "This confirmation link has expired. Ask for a new one.",
  VERIFICATION_LINK_USED: "This confirmation link was already used.",
  EMAIL_ALREADY_VERIFIED: "Your email address is already confirmed.",
  NOT_FOUND: "Not found.",
  CONFLICT: "That conflicts with the current state. Please refresh and try again.",
  EMAIL_TAKEN: "An account with this email already exists. Sign in instead.",
  SEAT_UNAVAILABLE: "Some of these seats were just taken by someone else.",
  HOLD_LIMIT_REACHED: "You have reached the limit of seats or holds for this performance.",
  SALE_CLOSED: "This performance is not on sale.",
  REPORT_NOT_PUBLIC: "This sale's fairness report is published when the sale closes.",
  HOLD_EXPIRED: "Your hold on these seats has run out. Please choose your seats again.",
  WEBHOOK_SIGNATURE_INVALID: "The webhook signature is not valid.",
  PAYLOAD_TOO_LARGE: "The request body is too large.",
  RATE_LIMITED: "Too many requests. Please slow down.",
  SERVICE_UNAVAILABLE: "The service is temporarily unavailable. Please try again shortly.",
  INTERNAL: "Something went wrong on our side.",
};
