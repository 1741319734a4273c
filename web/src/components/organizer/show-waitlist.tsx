"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AdminWaitlist } from "@/server/waitlist/schemas";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { useHydrated } from "../use-hydrated";
import { dangerButtonClass, FormAlert } from "../form/field";
import { useConfirmDialog } from "./use-confirm-dialog";

/** A show's waitlist for its organizer: its length, open offers, and closing it. */
export function ShowWaitlist({ initial }: { initial: AdminWaitlist }) {
  const t = useTranslations("organizer.waitlist");
  const errorText = useErrorText();
  const [waitlist, setWaitlist] = useState(initial);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  async function close() {
    const confirmed = await confirm({
      title: t("closeTitle"),
      confirmLabel: t("closeConfirm"),
      body: <p>{t("closeText", { waiting: waitlist.waiting, offered: waitlist.offered })}</p>,
    });
    if (!confirmed) return;
    setPending(true);
    setAlert(null);
    try {
      const answer = await apiRequest<{ waitlist: AdminWaitlist }>(
        `/api/admin/schedules/${waitlist.scheduleId}/waitlist/close`,
        { method: "POST" },
      );
      setWaitlist(answer.waitlist);
    } catch (error) {
      setAlert(errorText(error));
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-2" data-testid="show-waitlist">
      <p className="text-sm">
        {t.rich("summary", {
          waiting: waitlist.waiting,
          offered: waitlist.offered,
          accepted: waitlist.accepted,
          count: (chunks) => <span data-testid="waitlist-length">{chunks}</span>,
        })}
      </p>
      {waitlist.closedAt ? (
        <p className="text-sm font-semibold text-slate-700">{t("closed")}</p>
      ) : (
        <button
          type="button"
          className={`${dangerButtonClass} self-start`}
          disabled={pending || !hydrated}
          onClick={() => void close()}
        >
          {pending ? t("closing") : t("closeConfirm")}
        </button>
      )}
      <FormAlert message={alert} />
      {dialog}
    </div>
  );
}
