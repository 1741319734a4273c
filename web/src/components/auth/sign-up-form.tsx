"use client";

import { useTranslations } from "next-intl";
import { useErrorText, useFieldErrorText } from "../use-error-text";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import type { Route } from "next";
import { PASSWORD_MIN_LENGTH } from "@/server/accounts/password-policy";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass, describedBy, Field, FormAlert, inputClass } from "../form/field";
import { formText } from "../form/form-text";
import { useSubmit } from "../form/use-submit";
import { POW_ERROR_CODES } from "../pow/fetch-pow-solution";
import { PowStatus } from "../pow/pow-status";
import { usePowSolution } from "../pow/use-pow-solution";

const SIGN_UP_POW = { purpose: "signup" } as const;

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth");
  const tField = useTranslations("fieldErrors");
  const errorText = useErrorText();
  const fieldErrorText = useFieldErrorText();
  const router = useRouter();
  const [emailTaken, setEmailTaken] = useState(false);
  // A short proof of work makes each account cost a farm CPU time (see web/README.md).
  const { check, take, prepare } = usePowSolution(SIGN_UP_POW);

  async function signUp(input: { name: string; email: string; password: string }) {
    try {
      await apiRequest("/api/auth/signup", {
        method: "POST",
        body: { ...input, pow: await take() },
      });
    } catch (error) {
      // A check that lapsed or was refused: once more with a fresh one.
      if (!(error instanceof ApiError && POW_ERROR_CODES.has(error.code))) throw error;
      await apiRequest("/api/auth/signup", {
        method: "POST",
        body: { ...input, pow: await take() },
      });
    }
  }

  const { pending, errors, alert, onSubmit } = useSubmit(async (form) => {
    const input = {
      name: formText(form, "name"),
      email: formText(form, "email"),
      password: formText(form, "password"),
    };
    setEmailTaken(false);
    try {
      await signUp(input);
      const result = await signIn("credentials", {
        redirect: false,
        email: input.email,
        password: input.password,
      });
      if (result?.ok && !result.error) {
        router.push(callbackUrl);
        router.refresh();
        return { leaving: true };
      }
      // The account exists; only the automatic sign-in failed (e.g. rate limited).
      router.push(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` as Route);
      return { leaving: true };
    } catch (error) {
      // The next try needs a fresh check.
      prepare();
      if (error instanceof ApiError && error.code === "VALIDATION_FAILED") {
        return {
          errors: fieldErrorText(error, {
            email: tField("signupEmail"),
            name: tField("signupName"),
            password: tField("signupPassword", { min: PASSWORD_MIN_LENGTH }),
          }),
          alert: t("correctFields"),
        };
      }
      if (error instanceof ApiError && error.code === "EMAIL_TAKEN") {
        setEmailTaken(true);
        return { errors: { email: errorText(error) } };
      }
      throw error;
    }
  });

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3" noValidate>
      <FormAlert message={alert} />
      <Field id="signup-name" label={t("name")} error={errors.name}>
        <input
          {...describedBy("signup-name", errors.name)}
          name="name"
          autoComplete="name"
          maxLength={100}
          required
          className={inputClass}
        />
      </Field>
      <Field id="signup-email" label={t("email")} error={errors.email}>
        <input
          {...describedBy("signup-email", errors.email)}
          name="email"
          type="email"
          autoComplete="email"
          required
          className={inputClass}
        />
      </Field>
      {emailTaken ? (
        <p className="-mt-2 text-sm">
          <Link
            href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` as Route}
            className="font-semibold text-brand-700 underline-offset-2 hover:underline"
          >
            {t("signInInstead")}
          </Link>
        </p>
      ) : null}
      <Field
        id="signup-password"
        label={t("password")}
        hint={t("passwordHint", { min: PASSWORD_MIN_LENGTH })}
        error={errors.password}
      >
        <input
          {...describedBy("signup-password", errors.password, true)}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
          className={inputClass}
        />
      </Field>
      <PowStatus id="signup-pow" check={check} />
      <button type="submit" disabled={pending} className={buttonClass}>
        {pending
          ? check.kind === "checking"
            ? t("checkingBrowser")
            : t("creating")
          : t("createAccount")}
      </button>
      <p className="text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link
          href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}` as Route}
          className="font-semibold text-brand-700 underline-offset-2 hover:underline"
        >
          {t("signIn")}
        </Link>
      </p>
    </form>
  );
}
