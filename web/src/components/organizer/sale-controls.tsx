"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SaleStatus } from "@ticketping/db/browser";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { buttonClass, FormAlert, secondaryButtonClass } from "../form/field";
import { useConfirmDialog, type ConfirmRequest } from "./use-confirm-dialog";
import { useHydrated } from "../use-hydrated";

/**
 * What closing the sale or taking it back to draft does to buyers, asked before either
 * (holds are never cancelled by a status: a buyer who holds seats may still pay for them).
 */
function confirmations(
  t: ReturnType<typeof useTranslations<"organizer.sale">>,
): Partial<Record<SaleStatus, ConfirmRequest>> {
  return {
    CLOSED: {
      title: t("closeTitle"),
      confirmLabel: t("closeConfirm"),
      body: (
        <>
          <p>{t("closeText1")}</p>
          <p>{t("closeText2")}</p>
        </>
      ),
    },
    DRAFT: {
      title: t("draftTitle"),
      confirmLabel: t("draftConfirm"),
      body: (
        <>
          <p>{t("draftText1")}</p>
          <p>{t("draftText2")}</p>
        </>
      ),
    },
  };
}

/** Opens and closes the sale: the saleStatus field, one click each, asked first when it shuts. */
export function SaleControls({
  performanceId,
  status,
}: {
  performanceId: string;
  status: SaleStatus;
}) {
  const t = useTranslations("organizer.sale");
  const tOrganizer = useTranslations("organizer");
  const errorText = useErrorText();
  const router = useRouter();
  const [pending, setPending] = useState<SaleStatus | null>(null);
  const hydrated = useHydrated();
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  async function change(next: SaleStatus) {
    const question = confirmations(t)[next];
    if (question && !(await confirm(question))) return;
    setPending(next);
    setAlert(null);
    try {
      await apiRequest(`/api/admin/performances/${performanceId}`, {
        method: "PATCH",
        body: { saleStatus: next },
      });
      router.refresh();
    } catch (error) {
      setAlert(errorText(error));
    }
    setPending(null);
  }

  const actions: { to: SaleStatus; label: string; primary: boolean }[] = [
    {
      to: "PUBLISHED",
      label: status === "CLOSED" ? t("reopen") : t("publish"),
      primary: true,
    },
    { to: "CLOSED", label: t("closeConfirm"), primary: false },
    { to: "DRAFT", label: t("draftConfirm"), primary: false },
  ];
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm" data-testid="sale-status-text">
        <span className="font-semibold">
          {t("status", { status: tOrganizer(`saleStatus_${status}`) })}
        </span>{" "}
        — {t(`describe_${status}`)}
      </p>
      <div className="flex flex-wrap gap-2">
        {actions
          .filter((action) => action.to !== status)
          .map((action) => (
            <button
              key={action.to}
              type="button"
              disabled={pending !== null || !hydrated}
              className={action.primary ? buttonClass : secondaryButtonClass}
              onClick={() => void change(action.to)}
            >
              {pending === action.to ? tOrganizer("saving") : action.label}
            </button>
          ))}
      </div>
      <FormAlert message={alert} />
      {dialog}
    </div>
  );
}
