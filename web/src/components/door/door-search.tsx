"use client";

import { useState } from "react";
import { apiRequest } from "../api-client";
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
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<DoorTicket[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  return (
    <section aria-labelledby="door-search-heading" className="flex flex-col gap-2">
      <h2 id="door-search-heading" className="text-base font-semibold">
        Find a guest
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
              setError(cause instanceof Error ? cause.message : "The search failed.");
            });
        }}
      >
        <label htmlFor="door-search" className="sr-only">
          Name, email or seat
        </label>
        <input
          id="door-search"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
          placeholder="Name, email or seat (R3-12)"
          minLength={2}
          disabled={disabled}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2"
        />
        <button
          type="submit"
          disabled={disabled}
          className="rounded-lg border border-slate-300 px-4 py-2 font-semibold disabled:opacity-50"
        >
          Search
        </button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {results ? (
        results.length === 0 ? (
          <p className="text-sm text-slate-600">No ticket of this show matches.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {results.map((ticket) => (
              <li key={ticket.id} className="flex items-center justify-between gap-2 p-2 text-sm">
                <span>
                  <span className="font-semibold">{ticket.holderName}</span> · Row {ticket.seat.row}
                  , seat {ticket.seat.column} · {ticket.seat.gradeName}
                  {!ticket.valid
                    ? " · not valid"
                    : ticket.checkIn
                      ? ` · in at ${ticket.checkIn.gate}`
                      : ""}
                </span>
                <button
                  type="button"
                  onClick={() => {
                    onAdmit(ticket.id);
                  }}
                  className="rounded-md bg-slate-900 px-3 py-1 font-semibold text-white"
                >
                  Check in
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}
