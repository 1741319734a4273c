import { getTranslations } from "next-intl/server";
import { ResendVerificationButton } from "./resend-verification-button";

/** Shown on every page to a signed-in user who has not confirmed their address yet. */
export async function VerifyEmailNotice({ email }: { email: string | null }) {
  const t = await getTranslations("layout");
  return (
    <aside
      aria-label={t("verifyNoticeLabel")}
      data-testid="verify-email-notice"
      className="border-b border-amber-200 bg-amber-50"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-3 text-sm text-amber-950 sm:flex-row sm:items-center sm:justify-between">
        <p>{email ? t("verifyNoticeTo", { email }) : t("verifyNotice")}</p>
        <ResendVerificationButton />
      </div>
    </aside>
  );
}
