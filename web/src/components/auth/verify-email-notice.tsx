import { ResendVerificationButton } from "./resend-verification-button";

/** Shown on every page to a signed-in user who has not confirmed their address yet. */
export function VerifyEmailNotice({ email }: { email: string | null }) {
  return (
    <aside
      aria-label="Confirm your email"
      data-testid="verify-email-notice"
      className="border-b border-amber-200 bg-amber-50"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center sm:justify-between">
        <p>
          Confirm your email to join a waiting room: open the link we sent
          {email ? ` to ${email}` : ""}.
        </p>
        <ResendVerificationButton />
      </div>
    </aside>
  );
}
