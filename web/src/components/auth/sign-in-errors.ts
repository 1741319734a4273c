/** The codes next-auth hands back that the sign-in page explains; others say "did not complete". */
const KNOWN = ["CredentialsSignin", "RATE_LIMITED", "SERVICE_UNAVAILABLE", "EMAIL_NOT_VERIFIED"];

/**
 * The message (under `auth.`) the sign-in page shows for an error next-auth hands back (as
 * `?error=<code>` on a redirect, or `result.error` in the form). Only these codes leave the
 * server. CredentialsSignin is one message for a wrong email and a wrong password alike, so
 * the form never tells which; EMAIL_NOT_VERIFIED is GitHub's (see signInWithProvider).
 */
export function signInErrorKey(
  code: string,
):
  | "signInError_CredentialsSignin"
  | "signInError_RATE_LIMITED"
  | "signInError_SERVICE_UNAVAILABLE"
  | "signInError_EMAIL_NOT_VERIFIED"
  | "signInError_other" {
  return KNOWN.includes(code)
    ? (`signInError_${code}` as `signInError_${"CredentialsSignin" | "RATE_LIMITED" | "SERVICE_UNAVAILABLE" | "EMAIL_NOT_VERIFIED"}`)
    : "signInError_other";
}
