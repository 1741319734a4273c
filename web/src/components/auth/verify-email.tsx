"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { VerifiedEmail } from "@/server/accounts/verification-schema";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass } from "../form/field";
import { useErrorText } from "../use-error-text";
import { ResendVerificationButton } from "./resend-verification-button";

type Outcome =
  | { kind: "checking" }
  | { kind: "verified"; email: string }
  | { kind: "used" }
  | { kind: "expired" }
  | { kind: "invalid" }
  | { kind: "failed"; error: unknown };

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiError)) return { kind: "failed", error };
  switch (error.code) {
    case "VERIFICATION_LINK_USED":
      return { kind: "used" };
    case "VERIFICATION_LINK_EXPIRED":
      return { kind: "expired" };
    case "VERIFICATION_LINK_INVALID":
    case "VALIDATION_FAILED":
      return { kind: "invalid" };
    default:
      return { kind: "failed", error };
  }
}

const linkClass =
  "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** Spends the link's token once and says how it went, with the way on from there. */
export function VerifyEmail({ token }: { token: string }) {
  const t = useTranslations("auth");
  const errorText = useErrorText();
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome>(
    token ? { kind: "checking" } : { kind: "invalid" },
  );
  // A token works once: React's development double effect must not spend it twice.
  const sent = useRef(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    apiRequest<VerifiedEmail>("/api/auth/verify-email", { method: "POST", body: { token } }).then(
      (answer) => {
        setOutcome({ kind: "verified", email: answer.verified.email });
        // The header's "confirm your email" notice goes with the next render.
        router.refresh();
      },
      (error: unknown) => {
        setOutcome(outcomeOf(error));
      },
    );
  }, [token, attempt, router]);

  return (
    <div data-testid="verify-email" data-outcome={outcome.kind} className="flex flex-col gap-4">
      {outcome.kind === "checking" ? (
        <p role="status">{t("checkingLink")}</p>
      ) : outcome.kind === "verified" ? (
        <div role="status" className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">{t("confirmedHeading")}</h2>
          <p>{t("confirmedText", { email: outcome.email })}</p>
          <Link href="/performances" className={buttonClass}>
            {t("findShow")}
          </Link>
        </div>
      ) : (
        <div role="alert" className="flex flex-col gap-3">
          {outcome.kind === "used" ? (
            <>
              <h2 className="text-lg font-semibold">{t("usedHeading")}</h2>
              <p>
                {t.rich("usedText", {
                  link: (chunks) => (
                    <Link href="/performances" className={linkClass}>
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
            </>
          ) : outcome.kind === "expired" ? (
            <>
              <h2 className="text-lg font-semibold">{t("expiredHeading")}</h2>
              <p>{t("expiredText")}</p>
              <ResendVerificationButton />
            </>
          ) : outcome.kind === "invalid" ? (
            <>
              <h2 className="text-lg font-semibold">{t("invalidHeading")}</h2>
              <p>{t("invalidText")}</p>
              <ResendVerificationButton />
            </>
          ) : (
            <>
              <h2 className="text-lg font-semibold">{t("failedHeading")}</h2>
              <p>{errorText(outcome.error)}</p>
              <button
                type="button"
                className={buttonClass}
                onClick={() => {
                  sent.current = false;
                  setOutcome({ kind: "checking" });
                  setAttempt((count) => count + 1);
                }}
              >
                {t("tryAgain")}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
