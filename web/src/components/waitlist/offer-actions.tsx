"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "../use-error-text";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest } from "../api-client";
import { buttonClass, FormAlert, secondaryButtonClass } from "../form/field";

/** Taking a waitlist offer (then paying at checkout) or declining it. */
export function OfferActions({ reservationId }: { reservationId: string }) {
  const t = useTranslations("waitlist");
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [declined, setDeclined] = useState(false);
  const base = `/api/waitlist/offers/${reservationId}`;

  async function act(action: "accept" | "decline") {
    setPending(true);
    setAlert(null);
    try {
      await apiRequest(`${base}/${action}`, { method: "POST" });
      if (action === "accept") {
        router.push(`/checkout/${reservationId}`);
        return;
      }
      setDeclined(true);
    } catch (error) {
      setAlert(errorText(error));
    }
    setPending(false);
  }

  if (declined) {
    return <p className="text-sm">{t("declined")}</p>;
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex gap-2">
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          onClick={() => void act("accept")}
        >
          {t("take")}
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={pending}
          onClick={() => void act("decline")}
        >
          {t("decline")}
        </button>
      </div>
      <FormAlert message={alert} />
    </div>
  );
}
