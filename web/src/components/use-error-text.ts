"use client";

import { useLocale, useTranslations } from "next-intl";
import { errorCodes } from "@ticketping/common/errors";
import { ApiError } from "./api-client";

/** The codes the messages name: every API error code, plus the client's own two. */
type ErrorKey = keyof typeof errorCodes | "NETWORK" | "UNKNOWN";

const isErrorKey = (code: string): code is ErrorKey => code in errorCodes || code === "NETWORK";

/**
 * errorText(error): what a buyer reads of a failed call, from the API's stable code (the
 * `errors` messages), the one map every page uses. In English the server's own message is
 * kept: it is English already and often more precise than the code's (which seats, which
 * limit); other languages say the code's message.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("errors");
  const locale = useLocale();
  return (error) => {
    if (!(error instanceof ApiError)) return t("UNKNOWN");
    if (locale === "en" && error.message) return error.message;
    return t(isErrorKey(error.code) ? error.code : "UNKNOWN");
  };
}
