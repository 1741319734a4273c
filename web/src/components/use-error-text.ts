"use client";

import { useLocale, useMessages, useTranslations } from "next-intl";
import { errorCodes } from "@ticketping/common/errors";
import type { Messages } from "@/i18n/messages";
import { ApiError } from "./api-client";

/** The codes the messages name: every API error code, plus the client's own two. */
type ErrorKey = keyof typeof errorCodes | "NETWORK" | "UNKNOWN";

const isErrorKey = (code: string): code is ErrorKey => code in errorCodes || code === "NETWORK";

/** The refusal reasons (`details.reason`) that have their own words in every language. */
type ReasonKey = Extract<keyof Messages["errors"], `reason_${string}`>;

/**
 * errorText(error): what a buyer reads of a failed call, from the API's stable code (the
 * `errors` messages), the one map every page uses. In English the server's own message is
 * kept: it is English already and often more precise than the code's (which seats, which
 * limit); other languages say the reason's message when it has one (a cancelled show is
 * not "not on sale"), else the code's.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("errors");
  const locale = useLocale();
  return (error) => {
    if (!(error instanceof ApiError)) return t("UNKNOWN");
    if (locale === "en" && error.message) return error.message;
    const reason = `reason_${error.reason ?? ""}` as ReasonKey;
    if (t.has(reason)) return t(reason);
    return t(isErrorKey(error.code) ? error.code : "UNKNOWN");
  };
}

/** The codes and reasons a field's refusal may carry that have their own words. */
type FieldErrorKey = keyof Messages["fieldErrors"];
const isFieldErrorKey = (key: string | undefined, messages: Messages["fieldErrors"]) =>
  key !== undefined && key in messages;

/**
 * fieldErrorText(error, rules): the words beside each field a refusal names, in the page's
 * language. The API's field messages are English: a rule's own code (UNKNOWN_TIME_ZONE) or
 * the refusal's reason (SLUG_TAKEN) has its words in every language; otherwise English keeps
 * the server's message, and other languages say the form's own words for that field
 * (`rules`, by path: "rows", "grades.0.priceMinor"), or ask to check it.
 */
export function useFieldErrorText(): (
  error: ApiError,
  rules?: Record<string, string>,
) => Record<string, string> {
  const t = useTranslations("fieldErrors");
  const locale = useLocale();
  const words = useMessages().fieldErrors;
  return (error, rules = {}) => {
    const errors: Record<string, string> = {};
    for (const issue of error.issues()) {
      if (issue.path in errors) continue;
      const own = [issue.code, error.reason].find((key) => isFieldErrorKey(key, words));
      errors[issue.path] = own
        ? t(own as FieldErrorKey)
        : locale === "en"
          ? issue.message
          : (rules[issue.path] ?? t("invalid"));
    }
    return errors;
  };
}
