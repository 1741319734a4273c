"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { VerifiedEmail } from "@/server/accounts/verification-schema";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass } from "../form/field";
import { ResendVerificationButton } from "./resend-verification-button";

type Outcome =
  | { kind: "checking" }
  | { kind: "verified"; email: string }
  | { kind: "used" }
  | { kind: "expired" }
  | { kind: "invalid" }
  | { kind: "failed"; message: string };

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiError)) return { kind: "failed", message: "Please try again." };
  switch (error.code) {
    case "VERIFICATION_LINK_USED":
      return { kind: "used" };
    case "VERIFICATION_LINK_EXPIRED":
      return { kind: "expired" };
    case "VERIFICATION_LINK_INVALID":
    case "VALIDATION_FAILED":
      return { kind: "invalid" };
    default:
      return { kind: "failed", message: error.message };
  }
}

const linkClass =
  "font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600";

/** Spends the link's token once and says how it went, with the way on from there. */
export function VerifyEmail({ token }: { token: string }) {
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
        <p role="status">Checking your link…</p>
      ) : outcome.kind === "verified" ? (
        <div role="status" className="flex flex-col gap-3">
          <h2 className="text-lg font-semibold">Your email is confirmed</h2>
          <p>
            {outcome.email} is confirmed. You can join the waiting room of any sale on the site.
          </p>
          <Link href="/performances" className={buttonClass}>
            Find a show
          </Link>
        </div>
      ) : (
        <div role="alert" className="flex flex-col gap-3">
          {outcome.kind === "used" ? (
            <>
              <h2 className="text-lg font-semibold">This link was already used</h2>
              <p>
                Each link works once. If it was you who opened it, your email is confirmed: go on to
                the{" "}
                <Link href="/performances" className={linkClass}>
                  shows
                </Link>
                .
              </p>
            </>
          ) : outcome.kind === "expired" ? (
            <>
              <h2 className="text-lg font-semibold">This link has expired</h2>
              <p>
                A link works for 24 hours, and only until a newer one is sent: open the newest mail
                from us, or sign in and ask for a new link.
              </p>
              <ResendVerificationButton />
            </>
          ) : outcome.kind === "invalid" ? (
            <>
              <h2 className="text-lg font-semibold">This link is not valid</h2>
              <p>
                Open the link from the mail exactly as it came, or ask for a new one while signed
                in.
              </p>
              <ResendVerificationButton />
            </>
          ) : (
            <>
              <h2 className="text-lg font-semibold">We could not check your link</h2>
              <p>{outcome.message}</p>
              <button
                type="button"
                className={buttonClass}
                onClick={() => {
                  sent.current = false;
                  setOutcome({ kind: "checking" });
                  setAttempt((count) => count + 1);
                }}
              >
                Try again
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
