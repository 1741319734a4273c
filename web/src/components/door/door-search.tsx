"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import type { DoorTicket } from "./verdict";

/** A guest without a readable code: find their tickets by name, email or seat, admit one. */
export function DoorSearch({
  scheduleId,
  disabled,
  onAdmit,
}: {
  scheduleId: string;
  disabled: boolean;
  onAdmit: (ticketId: string) => void;
}) {
  const t = useTranslations("door");
  const errorText = useErrorText();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<DoorTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <section aria-labelledby="door-search-heading" className="flex flex-col gap-2">
      <h2 id="door-search-heading" className="text-base font-semibold">
        {t("searchHeading")}
      </h2>
      <form
        className="flex gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setError(null);
          const params = new URLSearchParams({ scheduleId, q: query });
          apiRequest<{ tickets: DoorTicket[] }>(`/api/check-in/search?${params}`)
            .then(({ tickets }) => {
              setResults(tickets);
            })
            .catch((cause: unknown) => {
              setError(cause instanceof Error ? errorText(cause) : t("searchFailed"));
            });
        }}
      >
        <label htmlFor="door-search" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="door-search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
          placeholder={t("searchPlaceholder")}
          minLength={2}
          disabled={disabled}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2"
        />
        <button
          type="submit"
          disabled={disabled}
          className="rounded-lg border border-slate-300 px-4 py-2 font-semibold disabled:opacity-50"
        >
          {t("search")}
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {results ? (
        results.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noMatch")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {results.map((ticket) => (
              <li key={ticket.id} className="flex items-center justify-between gap-2 p-2 text-sm">
                <span>
                  <span className="font-semibold">{ticket.holderName}</span> ·{" "}
                  {t("seat", { row: ticket.seat.row, column: ticket.seat.column })} ·{" "}
                  {ticket.seat.gradeName}
                  {!ticket.valid
                    ? ` · ${t("notValidMark")}`
                    : ticket.checkIn
                      ? ` · ${t("inAt", { gate: ticket.checkIn.gate })}`
                      : ""}
                </span>
                <button
                  type="button"
                  onClick={() => {
                    onAdmit(ticket.id);
                  }}
                  className="rounded-md bg-slate-900 px-3 py-1 font-semibold text-white"
                >
                  {t("checkIn")}
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
