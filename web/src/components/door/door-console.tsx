"use client";

import { useTranslations } from "next-intl";
import { useCallback, useState } from "react";
import { useErrorText } from "../use-error-text";
import { apiRequest, ApiError } from "../api-client";
import { CameraScanner } from "./camera-scanner";
import { DoorSearch } from "./door-search";
import { DoorStatsLine } from "./door-stats-line";
import { OfflinePanel } from "./offline-panel";
import { decideOffline, offlineStore, pendingKey } from "./offline-door";
import { useStoredText } from "./use-stored-text";
import { scanOfTyped, type Scan, type Verdict } from "./verdict";
import { VerdictPanel } from "./verdict-panel";

const GATE_KEY = "ticketping:door:gate";

export interface DoorShowView {
  scheduleId: string;
  title: string;
  hallName: string;
}

/**
 * The door for one show: scan with the camera, type a code or reference, or search a guest;
 * one big verdict. Without the network (or switched to offline) it decides from the list it
 * downloaded and keeps its admissions for the sync.
 */
export function DoorConsole({ show }: { show: DoorShowView }) {
  const t = useTranslations("door");
  const errorText = useErrorText();
  const [gate, setGate] = useStoredText(GATE_KEY, t("defaultGate"));
  const [typed, setTyped] = useState("");
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [offline, setOffline] = useState(false);
  const [pendingText] = useStoredText(pendingKey(show.scheduleId), "[]");
  const pendingCount = (JSON.parse(pendingText) as unknown[]).length;
  const [problem, setProblem] = useState<string | null>(null);

  const checkOffline = useCallback(
    async (scan: Scan) => {
      const list = offlineStore.list(show.scheduleId);
      if (!list) {
        setProblem(t("noList"));
        return;
      }
      const pending = offlineStore.pending(show.scheduleId);
      const decided = await decideOffline({
        scan,
        list,
        pending,
        scheduleId: show.scheduleId,
        gate,
      });
      if (decided.admitted) {
        offlineStore.savePending(show.scheduleId, [...pending, decided.admitted]);
      }
      setVerdict(decided.verdict);
    },
    [gate, show.scheduleId, t],
  );

  const check = useCallback(
    async (scan: Scan) => {
      setProblem(null);
      if (offline) return checkOffline(scan);
      try {
        setVerdict(
          await apiRequest<Verdict>("/api/check-in", {
            method: "POST",
            body: { scheduleId: show.scheduleId, gate, ...scan },
          }),
        );
      } catch (error) {
        // No answer at all: the network is gone. Decide here and sync later.
        if (!(error instanceof ApiError) || error.status === 0 || error.status >= 502) {
          setOffline(true);
          return checkOffline(scan);
        }
        setProblem(errorText(error));
      }
    },
    [checkOffline, errorText, gate, offline, show.scheduleId],
  );

  return (
    <section aria-labelledby="door-heading" className="mx-auto flex max-w-xl flex-col gap-4">
      <header className="flex flex-col gap-1">
        <h1 id="door-heading" className="text-xl font-bold tracking-tight">
          {show.title}
        </h1>
        <p className="text-sm text-slate-600">{show.hallName}</p>
        <DoorStatsLine scheduleId={show.scheduleId} paused={offline} />
      </header>
      <label className="flex items-center gap-2 text-sm font-medium">
        {t("gate")}
        <input
          value={gate}
          maxLength={50}
          onChange={(event) => {
            setGate(event.target.value);
          }}
          className="w-40 rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <VerdictPanel verdict={verdict} />
      {problem ? (
        <p role="alert" className="text-sm font-semibold text-red-700">
          {problem}
        </p>
      ) : null}
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          if (typed.trim() === "") return;
          const scan = scanOfTyped(typed);
          setTyped("");
          void check(scan);
        }}
      >
        <label htmlFor="door-code" className="sr-only">
          {t("codeLabel")}
        </label>
        <input
          id="door-code"
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
          }}
          placeholder={t("codeLabel")}
          autoComplete="off"
          autoCapitalize="characters"
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-3 font-mono"
        />
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-3 font-semibold text-white"
        >
          {t("check")}
        </button>
      </form>
      <CameraScanner onCode={(code) => void check({ code })} />
      <DoorSearch
        scheduleId={show.scheduleId}
        disabled={offline}
        onAdmit={(ticketId) => void check({ ticketId })}
      />
      <OfflinePanel
        scheduleId={show.scheduleId}
        gate={gate}
        offline={offline}
        pendingCount={pendingCount}
        onOfflineChange={setOffline}
      />
    </section>
  );
}
