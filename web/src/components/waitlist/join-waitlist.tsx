"use client";

import { useTranslations } from "next-intl";
import { useErrorText } from "../use-error-text";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ShowWaitlist } from "@/server/waitlist/schemas";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass, FormAlert, inputClass, secondaryButtonClass } from "../form/field";

/**
 * Joining and leaving a sold-out show's waitlist, with the buyer's place in line. `initial`
 * is the signed-in buyer's waitlist as the page read it, so a reload shows their entry.
 */
export function JoinWaitlist({
  scheduleId,
  showLabel,
  maxSeats,
  initial,
}: {
  scheduleId: string;
  showLabel: string;
  maxSeats: number;
  initial: ShowWaitlist | null;
}) {
  const t = useTranslations("waitlist");
  const errorText = useErrorText();
  const router = useRouter();
  const [waitlist, setWaitlist] = useState<ShowWaitlist | null>(initial);
  const [quantity, setQuantity] = useState(1);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const url = `/api/schedules/${scheduleId}/waitlist`;

  async function send(method: "POST" | "DELETE") {
    setPending(true);
    setAlert(null);
    try {
      const answer = await apiRequest<{ waitlist: ShowWaitlist }>(url, {
        method,
        ...(method === "POST" ? { body: { quantity } } : {}),
      });
      setWaitlist(answer.waitlist);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        router.push(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
        return;
      }
      setAlert(errorText(error));
    }
    setPending(false);
  }

  const entry = waitlist?.entry;
  if (entry?.status === "WAITING") {
    return (
      <div className="flex flex-col items-end gap-1 text-sm" data-testid="waitlist-joined">
        <p>{t("joined", { quantity: entry.quantity, position: entry.position ?? "–" })}</p>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={pending}
          onClick={() => void send("DELETE")}
        >
          {t("leave")}
        </button>
        <FormAlert message={alert} />
      </div>
    );
  }
  const choices = Array.from({ length: Math.min(4, Math.max(1, maxSeats)) }, (_, i) => i + 1);
  return (
    <div className="flex flex-col items-end gap-1 text-sm">
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`waitlist-seats-${scheduleId}`}>
          {t("seatsWanted")}
        </label>
        <select
          id={`waitlist-seats-${scheduleId}`}
          className={`${inputClass} w-16`}
          value={quantity}
          onChange={(event) => {
            setQuantity(Number(event.target.value));
          }}
        >
          {choices.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
            </option>
          ))}
        </select>
        <button
          type="button"
          className={buttonClass}
          disabled={pending}
          aria-label={t("joinLabel", { show: showLabel })}
          onClick={() => void send("POST")}
        >
          {t("join")}
        </button>
      </div>
      <FormAlert message={alert} />
    </div>
  );
}
