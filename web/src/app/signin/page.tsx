import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { signInErrorKey } from "@/components/auth/sign-in-errors";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/components/safe-callback-url";
import { env } from "@/env";
import { getSessionUser } from "@/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

// next-auth sends errors of external providers here as ?error=<code>.
async function providerError(code: string | string[] | undefined): Promise<string | null> {
  if (code === undefined) return null;
  const t = await getTranslations("auth");
  return t(signInErrorKey(Array.isArray(code) ? (code[0] ?? "") : code));
}

async function githubLabel(): Promise<string> {
  return (await getTranslations("signInPage"))("github");
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <section aria-labelledby="signin-heading" className="mx-auto max-w-sm">
      <h1 id="signin-heading" className="mb-6 text-2xl font-bold tracking-tight">
        {t("signInTitle")}
      </h1>
      <SignInForm
        callbackUrl={callbackUrl}
        // Read on the server: the client bundle never learns whether a secret is set.
        githubLabel={env.GITHUB_ID && env.GITHUB_SECRET ? await githubLabel() : null}
        initialError={await providerError(params.error)}
      />
    </section>
  );
}
