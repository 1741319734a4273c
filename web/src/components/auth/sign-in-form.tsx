"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import type { Route } from "next";
import {
  buttonClass,
  describedBy,
  Field,
  FormAlert,
  inputClass,
  secondaryButtonClass,
} from "../form/field";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";
import { signInErrorMessage } from "./sign-in-errors";

export function SignInForm({
  callbackUrl,
  githubEnabled,
  initialError,
}: {
  callbackUrl: string;
  githubEnabled: boolean;
  initialError: string | null;
}) {
  const router = useRouter();
  const { pending, alert, onSubmit } = useSubmit(
    async (form) => {
      const result = await signIn("credentials", {
        redirect: false,
        email: formText(form, "email"),
        password: formText(form, "password"),
      });
      if (result?.ok && !result.error) {
        router.push(callbackUrl);
        router.refresh();
        return { leaving: true };
      }
      return { alert: signInErrorMessage(result?.error ?? "CredentialsSignin") };
    },
    {
      initialAlert: initialError,
      describeError: () => ({
        alert: "Could not reach the server. Check your connection and try again.",
      }),
    },
  );

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
        <FormAlert message={alert} />
        <Field id="signin-email" label="Email">
          <input
            {...describedBy("signin-email", undefined)}
            name="email"
            type="email"
            autoComplete="email"
            required
            className={inputClass}
          />
        </Field>
        <Field id="signin-password" label="Password">
          <input
            {...describedBy("signin-password", undefined)}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className={inputClass}
          />
        </Field>
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {githubEnabled ? (
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => void signIn("github", { callbackUrl })}
        >
          Continue with GitHub
        </button>
      ) : null}
      <p className="text-sm text-slate-600">
        New here?{" "}
        <Link
          href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` as Route}
          className="font-semibold text-brand-700 underline-offset-2 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </div>
  );
}
