import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signInErrorMessage } from "@/components/auth/sign-in-errors";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeCallbackUrl } from "@/components/safe-callback-url";
import { env } from "@/env";
import { getSessionUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Sign in" };

// next-auth sends errors of external providers here as ?error=<code>.
function providerError(code: string | string[] | undefined): string | null {
  if (code === undefined) return null;
  return signInErrorMessage(Array.isArray(code) ? (code[0] ?? "") : code);
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <section aria-labelledby="signin-heading" className="mx-auto max-w-sm">
      <h1 id="signin-heading" className="mb-6 text-2xl font-bold tracking-tight">
        Sign in
      </h1>
      <SignInForm
        callbackUrl={callbackUrl}
        // Read on the server: the client bundle never learns whether a secret is set.
        githubEnabled={Boolean(env.GITHUB_ID && env.GITHUB_SECRET)}
        initialError={providerError(params.error)}
      />
    </section>
  );
}
