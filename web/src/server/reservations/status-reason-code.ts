import { statusReasons } from "@ticketping/db/lifecycle";

export type StatusReasonCode = keyof typeof statusReasons;

export const statusReasonCodes = Object.keys(statusReasons) as [
  StatusReasonCode,
  ...StatusReasonCode[],
];

const codeByText = new Map(
  Object.entries(statusReasons).map(([code, text]) => [text as string, code as StatusReasonCode]),
);

/**
 * The stable code of a reservation's stored reason, which is English prose written when the
 * status changed: a page maps the code to its own language. Null for a text no code has
 * (a row written before the text changed), which pages then read by its status alone.
 */
export function statusReasonCodeOf(statusReason: string | null): StatusReasonCode | null {
  return statusReason === null ? null : (codeByText.get(statusReason) ?? null);
}
