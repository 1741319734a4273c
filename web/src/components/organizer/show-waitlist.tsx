"use client";

import { useState } from "react";
import type { AdminWaitlist } from "@/server/waitlist/schemas";
import { apiRequest, ApiError } from "../api-client";
import { dangerButtonClass, FormAlert } from "../form/field";
import { useConfirmDialog } from "./use-confirm-dialog";

/** A show's waitlist for its organizer: its length, open offers, and closing it. */
export function ShowWaitlist({ initial }: { initial: AdminWaitlist }) {
  const [waitlist, setWaitlist] = useState(initial);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();

  async function close() {
    const confirmed = await confirm({
      title: "Close the waitlist?",
      confirmLabel: "Close the waitlist",
      body: (
        <p>
          Nobody can join any more, and the {waitlist.waiting}{" "}
          {waitlist.waiting === 1 ? "buyer" : "buyers"} still waiting leave it. The{" "}
          {waitlist.offered} open {waitlist.offered === 1 ? "offer stays" : "offers stay"} open,
          with {waitlist.offered === 1 ? "its" : "their"} seats held, until taken or lapsed.
        </p>
      ),
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
      setAlert(
        error instanceof ApiError ? error.message : "Something went wrong. Please try again.",
      );
    }
    setPending(false);
  }

  return (
    <div className="flex flex-col gap-2" data-testid="show-waitlist">
      <p className="text-sm">
        <span data-testid="waitlist-length">{waitlist.waiting}</span>{" "}
        {waitlist.waiting === 1 ? "buyer waits" : "buyers wait"}; {waitlist.offered} open{" "}
        {waitlist.offered === 1 ? "offer" : "offers"}; {waitlist.accepted} taken.
      </p>
      {waitlist.closedAt ? (
        <p className="text-sm font-semibold text-slate-700">The waitlist is closed.</p>
      ) : (
        <button
          type="button"
          className={`${dangerButtonClass} self-start`}
          disabled={pending}
          onClick={() => void close()}
        >
          {pending ? "Closing…" : "Close the waitlist"}
        </button>
      )}
      <FormAlert message={alert} />
      {dialog}
    </div>
  );
}
