/**
 * What the sign-in page says for each error next-auth hands back (as `?error=<code>` on a
 * redirect, or `result.error` in the form). Only these codes leave the server.
 */
export function signInErrorMessage(code: string): string {
  switch (code) {
    case "CredentialsSignin":
      // One message for both, so the form never tells which of the two was wrong.
      return "Email or password is incorrect.";
    case "RATE_LIMITED":
      return "Too many sign-in attempts. Please wait a few minutes and try again.";
    case "SERVICE_UNAVAILABLE":
      return "Sign-in is briefly unavailable. Please try again in a moment.";
    case "EMAIL_NOT_VERIFIED":
      // See signInWithProvider: an unverified address can be anyone's.
      return "GitHub has no verified primary email for your account. Verify it on GitHub (Settings → Emails), then try again.";
    default:
      return "Sign-in did not complete. Please try again.";
  }
}
