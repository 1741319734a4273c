"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { VerificationMail } from "@/server/accounts/verification-schema";
import { apiRequest, ApiError } from "../api-client";
import { secondaryButtonClass } from "../form/field";
import { useErrorText } from "../use-error-text";

type Sent = { kind: "idle" } | { kind: "sending" } | { kind: "done"; message: string };

/** "Send a new link": a fresh verification mail for the signed-in user. */
export function ResendVerificationButton() {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const [state, setState] = useState<Sent>({ kind: "idle" });

  async function send() {
    setState({ kind: "sending" });
    try {
      const mail = await apiRequest<VerificationMail>("/api/auth/verification-mail", {
        method: "POST",
      });
      setState({ kind: "done", message: t("newLinkSent", { email: mail.sentTo }) });
    } catch (error) {
      const message =
        error instanceof ApiError && error.code === "UNAUTHENTICATED"
          ? t("signInFirst")
          : errorText(error);
      setState({ kind: "done", message });
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        onClick={() => void send()}
        disabled={state.kind === "sending"}
        className={secondaryButtonClass}
      >
        {state.kind === "sending" ? t("sending") : t("sendNewLink")}
      </button>
      <p role="status" data-testid="verification-mail-status" className="text-sm text-slate-700">
        {state.kind === "done" ? state.message : ""}
      </p>
    </div>
  );
}
