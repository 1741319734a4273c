"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest, ApiError } from "../api-client";
import { useErrorText } from "../use-error-text";
import { FormAlert, inputClass, secondaryButtonClass } from "../form/field";
import { formatDateTime, formatMoney } from "../format";
import { useHydrated } from "../use-hydrated";

interface OrderRow {
  id: string;
  status: string;
  buyer: { name: string; email: string };
  show: { startsAt: string };
  seats: { label: string; refunded: boolean }[];
  amountMinor: number;
  currency: string;
  createdAt: string;
  paidAt: string | null;
  payment: { id: string } | null;
}

interface AttendeeRow {
  ticketId: string;
  reference: string;
  status: string;
  holder: { name: string; email: string };
  show: { startsAt: string };
  seat: { label: string; gradeName: string };
  checkIn: { gate: string; scannedAt: string } | null;
}

type List = "orders" | "attendees";

const orderStatuses = [
  "CONFIRMED",
  "PENDING",
  "REFUNDED",
  "CANCELLED",
  "EXPIRED",
  "FAILED",
] as const;
const attendeeStatuses = ["VALID", "REFUNDED", "CANCELLED"] as const;
type Status = (typeof orderStatuses)[number] | (typeof attendeeStatuses)[number];
const knownStatuses: readonly string[] = [...orderStatuses, ...attendeeStatuses];
const isStatus = (value: string): value is Status => knownStatuses.includes(value);

interface Filters {
  q: string;
  status: string;
  checkedIn: string;
}

function queryOf(list: List, filters: Filters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.status) params.set("status", filters.status);
  if (list === "attendees" && filters.checkedIn) params.set("checkedIn", filters.checkedIn);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * A show's or a performance's orders and attendees for the organizer: search, a status
 * filter, the next page on demand ("Load more", by cursor), and the same list as a CSV file.
 */
export function SalesLists({
  scope,
  id,
  showTimes,
}: {
  scope: "schedules" | "performances";
  id: string;
  /** Whether to show each row's show time (a performance's lists span shows). */
  showTimes: boolean;
}) {
  const hydrated = useHydrated();
  const t = useTranslations("organizer.lists");
  const locale = useLocale();
  const errorText = useErrorText();
  const statusText = (status: string) =>
    isStatus(status) ? t(`status_${status}`) : status.toLowerCase();
  const [list, setList] = useState<List>("orders");
  const [draft, setDraft] = useState<Filters>({ q: "", status: "", checkedIn: "" });
  const [filters, setFilters] = useState<Filters>(draft);
  const base = `/api/admin/${scope}/${id}/${list}`;
  const query = useInfiniteQuery({
    queryKey: ["admin", "sales-lists", scope, id, list, filters],
    queryFn: ({ pageParam }) =>
      apiRequest<{ orders?: OrderRow[]; attendees?: AttendeeRow[]; nextCursor: string | null }>(
        `${base}${queryOf(list, filters, pageParam)}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Orders change under the organizer's eyes: never show an old copy.
    staleTime: 0,
    gcTime: 0,
  });
  const rows: (OrderRow | AttendeeRow)[] =
    query.data?.pages.flatMap<OrderRow | AttendeeRow>(
      (page) => page.orders ?? page.attendees ?? [],
    ) ?? [];
  const pending = query.isFetching;
  const alert = query.error
    ? query.error instanceof ApiError
      ? errorText(query.error)
      : t("loadFailed")
    : null;

  function switchTo(next: List) {
    const cleared = { q: draft.q, status: "", checkedIn: "" };
    setDraft(cleared);
    setFilters(cleared);
    setList(next);
  }

  const statuses = list === "orders" ? orderStatuses : attendeeStatuses;
  return (
    <div className="flex flex-col gap-3" data-testid="sales-lists">
      <div className="flex gap-2" role="tablist">
        {(["orders", "attendees"] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={list === name}
            onClick={() => {
              switchTo(name);
            }}
            className={`rounded-full px-3 py-1 text-sm font-semibold ${
              list === name ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-700"
            }`}
          >
            {t(name)}
          </button>
        ))}
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <label className="flex flex-col text-xs font-semibold text-slate-600">
          {t("search")}
          <input
            type="search"
            name="q"
            value={draft.q}
            maxLength={100}
            placeholder={t("searchPlaceholder")}
            onChange={(event) => {
              setDraft({ ...draft, q: event.target.value });
            }}
            className={`${inputClass} w-72`}
          />
        </label>
        <label className="flex flex-col text-xs font-semibold text-slate-600">
          {t("status")}
          <select
            name="status"
            value={draft.status}
            onChange={(event) => {
              setDraft({ ...draft, status: event.target.value });
            }}
            className={inputClass}
          >
            <option value="">{t("any")}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {statusText(status)}
              </option>
            ))}
          </select>
        </label>
        {list === "attendees" ? (
          <label className="flex flex-col text-xs font-semibold text-slate-600">
            {t("door")}
            <select
              name="checkedIn"
              value={draft.checkedIn}
              onChange={(event) => {
                setDraft({ ...draft, checkedIn: event.target.value });
              }}
              className={inputClass}
            >
              <option value="">{t("any")}</option>
              <option value="true">{t("checkedIn")}</option>
              <option value="false">{t("notYet")}</option>
            </select>
          </label>
        ) : null}
        <button type="submit" className={secondaryButtonClass} disabled={!hydrated}>
          {t("search")}
        </button>
        <a
          href={`${base}.csv${queryOf(list, filters)}`}
          download
          className="ml-auto text-sm font-semibold text-brand-700 hover:underline"
          data-testid="download-csv"
        >
          {t("csv")}
        </a>
      </form>
      <FormAlert message={alert} />
      {/* Focusable: on a phone the table is wider than the screen, and a keyboard scrolls it. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t(list)}>
        <table className="w-full text-left text-sm" data-testid={`${list}-table`}>
          <thead className="text-xs uppercase text-slate-500">
            {list === "orders" ? (
              <tr>
                <th className="py-1 pr-3">{t("buyer")}</th>
                {showTimes ? <th className="py-1 pr-3">{t("show")}</th> : null}
                <th className="py-1 pr-3">{t("seats")}</th>
                <th className="py-1 pr-3">{t("amount")}</th>
                <th className="py-1 pr-3">{t("status")}</th>
                <th className="py-1 pr-3">{t("ordered")}</th>
                <th className="py-1 pr-3">{t("payment")}</th>
              </tr>
            ) : (
              <tr>
                <th className="py-1 pr-3">{t("seat")}</th>
                {showTimes ? <th className="py-1 pr-3">{t("show")}</th> : null}
                <th className="py-1 pr-3">{t("holder")}</th>
                <th className="py-1 pr-3">{t("ticket")}</th>
                <th className="py-1 pr-3">{t("status")}</th>
                <th className="py-1 pr-3">{t("door")}</th>
              </tr>
            )}
          </thead>
          <tbody>
            {rows.map((row) =>
              "buyer" in row ? (
                <tr key={row.id} className="border-t border-slate-100" data-testid="order-row">
                  <td className="py-1 pr-3">
                    <span className="font-semibold">{row.buyer.name}</span>
                    <br />
                    <span className="text-xs text-slate-500">{row.buyer.email}</span>
                  </td>
                  {showTimes ? (
                    <td className="py-1 pr-3">
                      {formatDateTime(new Date(row.show.startsAt), locale)}
                    </td>
                  ) : null}
                  <td className="py-1 pr-3">
                    {row.seats.map((seat) => (
                      <span key={seat.label} className={seat.refunded ? "line-through" : ""}>
                        {seat.label}{" "}
                      </span>
                    ))}
                  </td>
                  <td className="py-1 pr-3">
                    {formatMoney(row.amountMinor, row.currency, locale)}
                  </td>
                  <td className="py-1 pr-3">{statusText(row.status)}</td>
                  <td className="py-1 pr-3">{formatDateTime(new Date(row.createdAt), locale)}</td>
                  <td className="py-1 pr-3 font-mono text-xs">{row.payment?.id ?? "—"}</td>
                </tr>
              ) : (
                <tr
                  key={row.ticketId}
                  className="border-t border-slate-100"
                  data-testid="attendee-row"
                >
                  <td className="py-1 pr-3 font-semibold">
                    {row.seat.label}{" "}
                    <span className="text-xs text-slate-500">{row.seat.gradeName}</span>
                  </td>
                  {showTimes ? (
                    <td className="py-1 pr-3">
                      {formatDateTime(new Date(row.show.startsAt), locale)}
                    </td>
                  ) : null}
                  <td className="py-1 pr-3">
                    {row.holder.name}
                    <br />
                    <span className="text-xs text-slate-500">{row.holder.email}</span>
                  </td>
                  <td className="py-1 pr-3 font-mono text-xs">{row.reference}</td>
                  <td className="py-1 pr-3">{statusText(row.status)}</td>
                  <td className="py-1 pr-3">
                    {row.checkIn
                      ? t("inAt", {
                          gate: row.checkIn.gate,
                          time: formatDateTime(new Date(row.checkIn.scannedAt), locale),
                        })
                      : t("notYetLower")}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {!pending && rows.length === 0 && !alert ? (
        <p className="text-sm text-slate-600">{t("nothing")}</p>
      ) : null}
      {query.hasNextPage ? (
        <button
          type="button"
          className={`${secondaryButtonClass} self-start`}
          disabled={pending}
          onClick={() => {
            void query.fetchNextPage();
          }}
        >
          {pending ? t("loading") : t("more")}
        </button>
      ) : null}
    </div>
  );
}
