"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest, ApiError } from "./api-client";
import { secondaryButtonClass } from "./form/field";
import { useErrorText } from "./use-error-text";

/**
 * Ends every session of the account, on every device, this one included; then goes to
 * sign-in. Other devices are refused within the server's session check interval.
 */
export function SignOutEverywhereButton() {
  const t = useTranslations("tickets");
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <button
        type="button"
        disabled={pending}
        className={secondaryButtonClass}
        onClick={() => {
          setPending(true);
          setError(null);
          const toSignIn = () => {
            router.push("/signin");
            // The header and every cached page render again, signed out.
            router.refresh();
          };
          apiRequest("/api/me/sessions/revoke", { method: "POST" })
            .then(toSignIn)
            .catch((caught: unknown) => {
              if (caught instanceof ApiError && caught.status === 401) {
                toSignIn();
                return;
              }
              setError(errorText(caught));
              setPending(false);
            });
        }}
      >
        {pending ? t("signingOutEverywhere") : t("signOutEverywhere")}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
