import type { Metadata } from "next";
import { VerifyEmail } from "@/components/auth/verify-email";

export const metadata: Metadata = { title: "Confirm your email" };

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
  return (
    <section aria-labelledby="verify-heading" className="mx-auto flex max-w-md flex-col gap-4">
      <h1 id="verify-heading" className="text-2xl font-bold tracking-tight">
        Confirm your email
      </h1>
      <VerifyEmail token={typeof token === "string" ? token : ""} />
    </section>
  );
}
