"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { dangerButtonClass, FormAlert } from "../form/field";
import { useConfirmDialog } from "./use-confirm-dialog";
import { useHydrated } from "../use-hydrated";

interface Progress {
  cancelledAt: string | null;
  total: number;
  refunded: number;
}

interface CancellationAnswer {
  cancellation: { cancelledAt: string | null; orders: { total: number; refunded: number } };
}

const toProgress = ({ cancellation }: CancellationAnswer): Progress => ({
  cancelledAt: cancellation.cancelledAt,
  total: cancellation.orders.total,
  refunded: cancellation.orders.refunded,
});

/**
 * Cancels the show after a confirmation that says what follows, then shows the refunds'
 * progress (refunded / total), read every 2 s until every order is refunded.
 */
export function ShowCancellation({
  scheduleId,
  initial,
}: {
  scheduleId: string;
  initial: Progress;
}) {
  const t = useTranslations("organizer.cancellation");
  const errorText = useErrorText();
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const url = `/api/admin/schedules/${scheduleId}/cancellation`;
  const done = progress.refunded >= progress.total;
  const finished = Boolean(progress.cancelledAt) && done;
  const wasFinished = useRef(finished);

  // The page's order list was rendered before the refunds: once they are all made, it is
  // rendered again, so no order still reads confirmed with a live Refund button.
  useEffect(() => {
    if (!finished || wasFinished.current) return;
    wasFinished.current = true;
    router.refresh();
  }, [finished, router]);

  useEffect(() => {
    if (!progress.cancelledAt || done) return;
    const timer = setInterval(() => {
      apiRequest<CancellationAnswer>(url)
        .then((answer) => {
          setProgress(toProgress(answer));
        })
        .catch(() => undefined);
    }, 2_000);
    return () => {
      clearInterval(timer);
    };
  }, [url, progress.cancelledAt, done]);

  async function cancel() {
    const confirmed = await confirm({
      title: t("title"),
      confirmLabel: t("confirm"),
      dismissLabel: t("keep"),
      body: (
        <>
          <p>{t("text1")}</p>
          <p>{t("text2")}</p>
        </>
      ),
    });
    if (!confirmed) return;
    setPending(true);
    setAlert(null);
    try {
      setProgress(
        toProgress(await apiRequest<CancellationAnswer>(url, { method: "POST", body: {} })),
      );
      router.refresh();
    } catch (error) {
      setAlert(errorText(error));
    }
    setPending(false);
  }

  if (!progress.cancelledAt) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm text-slate-600">{t("explain")}</p>
        <button
          type="button"
          className={`${dangerButtonClass} self-start`}
          disabled={pending || !hydrated}
          onClick={() => void cancel()}
        >
          {pending ? t("cancelling") : t("confirm")}
        </button>
        <FormAlert message={alert} />
        {dialog}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="cancellation-progress">
      <p className="text-sm">
        {t("progress", { refunded: progress.refunded, total: progress.total })}
        {done ? "." : "…"}
      </p>
      <progress
        className="h-2 w-full"
        max={Math.max(1, progress.total)}
        value={progress.refunded}
        aria-label={t("progressLabel")}
      />
    </div>
  );
}
