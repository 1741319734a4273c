"use client";

import { useTranslations } from "next-intl";
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
import { signInErrorKey } from "./sign-in-errors";

export function SignInForm({
  callbackUrl,
  githubLabel,
  initialError,
}: {
  callbackUrl: string;
  /** The GitHub button's label, from the server; null when GitHub is not configured. */
  githubLabel: string | null;
  initialError: string | null;
}) {
  const t = useTranslations("auth");
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
      return { alert: t(signInErrorKey(result?.error ?? "CredentialsSignin")) };
    },
    {
      initialAlert: initialError,
      describeError: () => ({
        alert: t("unreachable"),
      }),
    },
  );

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
        <FormAlert message={alert} />
        <Field id="signin-email" label={t("email")}>
          <input
            {...describedBy("signin-email", undefined)}
            name="email"
            type="email"
            autoComplete="email"
            required
            className={inputClass}
          />
        </Field>
        <Field id="signin-password" label={t("password")}>
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
          {pending ? t("signingIn") : t("signIn")}
        </button>
      </form>
      {githubLabel ? (
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => void signIn("github", { callbackUrl })}
        >
          {githubLabel}
        </button>
      ) : null}
      <p className="text-sm text-slate-600">
        {t("newHere")}{" "}
        <Link
          href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` as Route}
          className="font-semibold text-brand-700 underline-offset-2 hover:underline"
        >
          {t("createAccountLink")}
        </Link>
      </p>
    </div>
  );
}
