"use client";

import { useState } from "react";
import type { VerificationMail } from "@/server/accounts/verification-schema";
import { apiRequest, ApiError } from "../api-client";
import { secondaryButtonClass } from "../form/field";

type Sent = { kind: "idle" } | { kind: "sending" } | { kind: "done"; message: string };

/** "Send a new link": a fresh verification mail for the signed-in user. */
export function ResendVerificationButton() {
  const [state, setState] = useState<Sent>({ kind: "idle" });

  async function send() {
    setState({ kind: "sending" });
    try {
      const mail = await apiRequest<VerificationMail>("/api/auth/verification-mail", {
        method: "POST",
      });
      setState({ kind: "done", message: `A new link is on its way to ${mail.sentTo}.` });
    } catch (error) {
      const message =
        error instanceof ApiError && error.code === "UNAUTHENTICATED"
          ? "Sign in first, then ask for a new link."
          : error instanceof Error
            ? error.message
            : "The link could not be sent. Please try again.";
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
        {state.kind === "sending" ? "Sending…" : "Send a new link"}
      </button>
      <p role="status" data-testid="verification-mail-status" className="text-sm text-slate-700">
        {state.kind === "done" ? state.message : ""}
      </p>
    </div>
  );
}
