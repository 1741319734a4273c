"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SaleStatus } from "@ticketping/db/browser";
import { apiRequest, ApiError } from "../api-client";
import { buttonClass, FormAlert, secondaryButtonClass } from "../form/field";

const describe: Record<SaleStatus, string> = {
  DRAFT: "Draft: hidden from buyers.",
  PUBLISHED: "Published: on sale while the booking window is open.",
  CLOSED: "Closed: visible to buyers, but nobody can book.",
};

/** Opens and closes the sale: the saleStatus field, one click each. */
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

  async function change(next: SaleStatus) {
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
    </div>
  );
}
