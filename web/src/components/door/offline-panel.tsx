"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest } from "../api-client";
import { offlineStore, type OfflineList } from "./offline-door";
import type { Outcome } from "./verdict";

interface SyncResult {
  ticketId: string;
  outcome: string;
  checkIn?: { gate: string; scannedAt: string };
}

const BATCH = 150;

const outcomes: readonly string[] = [
  "ADMITTED",
  "ALREADY_ADMITTED",
  "WRONG_SHOW",
  "NOT_VALID",
  "INVALID",
] satisfies Outcome[];
const isOutcome = (value: string): value is Outcome => outcomes.includes(value);

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
  const t = useTranslations("door");
  const [note, setNote] = useState<string | null>(null);
  const [duplicates, setDuplicates] = useState<SyncResult[]>([]);

  async function download() {
    const list = await apiRequest<OfflineList>(`/api/check-in/tickets?scheduleId=${scheduleId}`);
    offlineStore.saveList(scheduleId, list);
    setNote(t("listSaved", { count: list.tickets.length }));
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
    setNote(found.length === 0 ? t("synced") : null);
    onOfflineChange(false);
  }

  return (
    <section
      aria-labelledby="door-offline-heading"
      className="flex flex-col gap-2 border-t border-slate-200 pt-3"
    >
      <h2 id="door-offline-heading" className="text-base font-semibold">
        {t("offlineHeading")}
      </h2>
      <p className="text-sm text-slate-600" data-testid="door-offline-state">
        {offline ? t("offlineState") : t("onlineState")}{" "}
        {pendingCount > 0 ? t("pending", { count: pendingCount }) : ""}
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() =>
            void download().catch(() => {
              setNote(t("listFailed"));
            })
          }
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-semibold"
        >
          {t("download")}
        </button>
        <button
          type="button"
          onClick={() => {
            onOfflineChange(!offline);
          }}
          className="rounded-lg border border-slate-300 px-3 py-2 text-sm font-semibold"
        >
          {offline ? t("goOnline") : t("goOffline")}
        </button>
        <button
          type="button"
          disabled={pendingCount === 0}
          onClick={() =>
            void sync().catch(() => {
              setNote(t("syncFailed"));
            })
          }
          className="rounded-lg bg-slate-900 px-3 py-2 text-sm font-semibold text-white disabled:opacity-50"
        >
          {t("sync")}
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
          <p className="font-semibold">{t("syncReport", { count: duplicates.length })}</p>
          <ul className="list-disc pl-5">
            {duplicates.map((result) => (
              <li key={result.ticketId}>
                {t("syncTicket", {
                  ticket: result.ticketId.slice(0, 8),
                  outcome:
                    result.outcome === "ALREADY_ADMITTED" && result.checkIn
                      ? t("syncAlready", { gate: result.checkIn.gate })
                      : isOutcome(result.outcome)
                        ? t(`syncOutcome_${result.outcome}`)
                        : result.outcome,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
