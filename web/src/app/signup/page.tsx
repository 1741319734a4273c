import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeCallbackUrl } from "@/components/safe-callback-url";
import { getSessionUser } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

export default async function SignUpPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <section aria-labelledby="signup-heading" className="mx-auto max-w-sm">
      <h1 id="signup-heading" className="mb-6 text-2xl font-bold tracking-tight">
        {t("signUpTitle")}
      </h1>
      <SignUpForm callbackUrl={callbackUrl} />
    </section>
  );
}
