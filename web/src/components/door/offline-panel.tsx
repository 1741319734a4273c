"use client";

import { useState } from "react";
import { apiRequest } from "../api-client";
import { offlineStore, type OfflineList } from "./offline-door";

interface SyncResult {
  ticketId: string;
  outcome: string;
  checkIn?: { gate: string; scannedAt: string };
}

const BATCH = 150;

/**
 * Downloading the show's list for a door without the network, switching to it, and sending
 * what was admitted offline once the network is back, with any ticket another gate had
 * admitted first reported.
 */
export function OfflinePanel({
  scheduleId,
  gate,
  offline,
  pendingCount,
  onOfflineChange,
}: {
  scheduleId: string;
  gate: string;
  offline: boolean;
  pendingCount: number;
  onOfflineChange: (offline: boolean) => void;
}) {
  const [note, setNote] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<SyncResult[]>([]);

  async function download() {
    const list = await apiRequest<OfflineList>(`/api/check-in/tickets?scheduleId=${scheduleId}`);
    offlineStore.saveList(scheduleId, list);
    setNote(`Ticket list saved: ${list.tickets.length} tickets.`);
  }

  async function sync() {
    let pending = offlineStore.pending(scheduleId);
    const found: SyncResult[] = [];
    while (pending.length > 0) {
      const batch = pending.slice(0, BATCH);
      const { results } = await apiRequest<{ results: SyncResult[] }>("/api/check-in/sync", {
        method: "POST",
        body: { scheduleId, gate, scans: batch },
      });
      found.push(...results.filter((result) => result.outcome !== "ADMITTED"));
      pending = pending.slice(batch.length);
      offlineStore.savePending(scheduleId, pending);
    }
    setDuplicates(found);
    setNote(found.length === 0 ? "Synced: every offline admission recorded." : null);
    onOfflineChange(false);
  }

  return (
    <section
      aria-labelledby="door-offline-heading"
      className="flex flex-col gap-2 border-t border-slate-200 pt-3"
    >
      <h2 id="door-offline-heading" className="text-base font-semibold">
        Without the network
      </h2>
      <p className="text-sm text-slate-600" data-testid="door-offline-state">
        {offline ? "Offline: checking against the saved list." : "Online."}{" "}
        {pendingCount > 0 ? `${pendingCount} admissions waiting to sync.` : ""}
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() =>
            void download().catch(() => {
              setNote("The list could not be downloaded.");
            })
          }
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-semibold"
        >
          Download ticket list
        </button>
        <button
          type="button"
          onClick={() => {
            onOfflineChange(!offline);
          }}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-semibold"
        >
          {offline ? "Go back online" : "Work offline"}
        </button>
        <button
          type="button"
          disabled={pendingCount === 0}
          onClick={() =>
            void sync().catch(() => {
              setNote("Still offline: nothing was lost, try again.");
            })
          }
          className="rounded-lg bg-slate-900 px-3 py-2 text-sm font-semibold text-white disabled:opacity-50"
        >
          Sync now
        </button>
      </div>
      {note ? (
        <p role="status" className="text-sm text-slate-700">
          {note}
        </p>
      ) : null}
      {duplicates.length > 0 ? (
        <div
          role="alert"
          data-testid="door-sync-report"
          className="rounded-lg border-2 border-amber-500 bg-amber-50 p-3 text-sm"
        >
          <p className="font-semibold">
            {duplicates.length} offline admission{duplicates.length === 1 ? " was" : "s were"} not
            valid once synced:
          </p>
          <ul className="list-disc pl-5">
            {duplicates.map((result) => (
              <li key={result.ticketId}>
                Ticket {result.ticketId.slice(0, 8)}:{" "}
                {result.outcome === "ALREADY_ADMITTED" && result.checkIn
                  ? `already admitted at ${result.checkIn.gate}`
                  : result.outcome.toLowerCase().replace("_", " ")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
