"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { apiRequest, ApiError } from "../api-client";
import { dangerButtonClass, FormAlert } from "../form/field";
import { useConfirmDialog } from "./use-confirm-dialog";

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
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const url = `/api/admin/schedules/${scheduleId}/cancellation`;
  const done = progress.refunded >= progress.total;

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
      title: "Cancel this show?",
      confirmLabel: "Cancel this show",
      body: (
        <>
          <p>
            Nobody can book it any more. Seats held now are released at once: a buyer who pays for
            them anyway is refunded.
          </p>
          <p>
            Every paid order is refunded in full, its tickets stop admitting and each buyer is
            mailed. This cannot be undone.
          </p>
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
      setAlert(
        error instanceof ApiError ? error.message : "Something went wrong. Please try again.",
      );
    }
    setPending(false);
  }

  if (!progress.cancelledAt) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-sm text-slate-600">
          Closes bookings for this show at once and refunds every paid order.
        </p>
        <button
          type="button"
          className={`${dangerButtonClass} self-start`}
          disabled={pending}
          onClick={() => void cancel()}
        >
          {pending ? "Cancelling…" : "Cancel this show"}
        </button>
        <FormAlert message={alert} />
        {dialog}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2" data-testid="cancellation-progress">
      <p className="text-sm">
        Cancelled. Refunded {progress.refunded} of {progress.total} orders
        {done ? "." : "…"}
      </p>
      <progress
        className="h-2 w-full"
        max={Math.max(1, progress.total)}
        value={progress.refunded}
        aria-label="Refunded orders"
      />
    </div>
  );
}
