"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SaleStatus } from "@ticketping/db/browser";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass, FormAlert, secondaryButtonClass } from "../form/field";
import { useConfirmDialog, type ConfirmRequest } from "./use-confirm-dialog";

const describe: Record<SaleStatus, string> = {
  DRAFT: "Draft: hidden from buyers.",
  PUBLISHED: "Published: on sale while the booking window is open.",
  CLOSED: "Closed: visible to buyers, but nobody can book.",
};

/**
 * What closing the sale or taking it back to draft does to buyers, asked before either
 * (holds are never cancelled by a status: a buyer who holds seats may still pay for them).
 */
const confirmations: Partial<Record<SaleStatus, ConfirmRequest>> = {
  CLOSED: {
    title: "Close sales?",
    confirmLabel: "Close sales",
    body: (
      <>
        <p>
          Nobody can hold new seats. Buyers in the waiting room keep their place but nobody is
          admitted until you reopen sales.
        </p>
        <p>Seats already held stay held: their buyers may still pay until the hold lapses.</p>
      </>
    ),
  },
  DRAFT: {
    title: "Back to draft?",
    confirmLabel: "Back to draft",
    body: (
      <>
        <p>
          The performance disappears from the catalog and its pages, and nobody can hold new seats.
          Nobody in the waiting room is admitted until you publish it again.
        </p>
        <p>
          Seats already held stay held: their buyers may still pay until the hold lapses. Tickets
          already sold stay valid.
        </p>
      </>
    ),
  },
};

/** Opens and closes the sale: the saleStatus field, one click each, asked first when it shuts. */
export function SaleControls({
  performanceId,
  status,
}: {
  performanceId: string;
  status: SaleStatus;
}) {
  const router = useRouter();
  const [pending, setPending] = useState<SaleStatus | null>(null);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  async function change(next: SaleStatus) {
    const question = confirmations[next];
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
      setAlert(
        error instanceof ApiError ? error.message : "Something went wrong. Please try again.",
      );
    }
    setPending(null);
  }

  const actions: { to: SaleStatus; label: string; primary: boolean }[] = [
    {
      to: "PUBLISHED",
      label: status === "CLOSED" ? "Reopen sales" : "Publish and open sales",
      primary: true,
    },
    { to: "CLOSED", label: "Close sales", primary: false },
    { to: "DRAFT", label: "Back to draft", primary: false },
  ];
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm" data-testid="sale-status-text">
        <span className="font-semibold">Status: {status}</span> — {describe[status]}
      </p>
      <div className="flex flex-wrap gap-2">
        {actions
          .filter((action) => action.to !== status)
          .map((action) => (
            <button
              key={action.to}
              type="button"
              disabled={pending !== null}
              className={action.primary ? buttonClass : secondaryButtonClass}
              onClick={() => void change(action.to)}
            >
              {pending === action.to ? "Saving…" : action.label}
            </button>
          ))}
      </div>
      <FormAlert message={alert} />
      {dialog}
    </div>
  );
}
