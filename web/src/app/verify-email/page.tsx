import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyEmail } from "@/components/auth/verify-email";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("verifyTitle") };
}

/**
 * Where the verification mail's link lands. The page spends the token with a POST from the
 * browser rather than on GET: mail scanners and link previews fetch links without running
 * scripts, and must not use up the buyer's link before the buyer does.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  const t = await getTranslations("auth");
  return (
    <section aria-labelledby="verify-heading" className="mx-auto flex max-w-md flex-col gap-4">
      <h1 id="verify-heading" className="text-2xl font-bold tracking-tight">
        {t("verifyTitle")}
      </h1>
      <VerifyEmail token={typeof token === "string" ? token : ""} />
    </section>
  );
}
