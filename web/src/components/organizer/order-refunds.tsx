"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiRequest } from "../api-client";
import { useErrorText } from "../use-error-text";
import { useHydrated } from "../use-hydrated";
import { buttonClass, dangerButtonClass, FormAlert } from "../form/field";
import { useConfirmDialog } from "./use-confirm-dialog";
import { formatDateTime, formatMoney } from "../format";

export interface OrderForRefund {
  id: string;
  status: "CONFIRMED" | "REFUNDED";
  buyerName: string;
  buyerEmail: string;
  amountMinor: number;
  currency: string;
  confirmedAt: string | null;
  seats: {
    seatId: string;
    row: number;
    column: number;
    gradeName: string;
    priceMinor: number;
    refunded: boolean;
  }[];
  refunds: { id: string; amountMinor: number; status: "REQUESTED" | "REFUNDED" }[];
}

/**
 * One paid order with its seats: the organizer ticks seats (or none, for the whole order),
 * chooses whether they go back on sale, and refunds after a confirmation that says what
 * happens. The worker makes the refund; the list shows it pending until then.
 */
export function OrderRefunds({ order }: { order: OrderForRefund }) {
  const t = useTranslations("organizer.refunds");
  const locale = useLocale();
  const errorText = useErrorText();
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const router = useRouter();
  const formId = useId();
  const [selected, setSelected] = useState<string[]>([]);
  const [releaseSeats, setReleaseSeats] = useState(true);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const open = order.seats.filter((seat) => !seat.refunded);
  const chosen = selected.length > 0 ? open.filter((seat) => selected.includes(seat.seatId)) : open;
  const amount = chosen.reduce((sum, seat) => sum + seat.priceMinor, 0);

  async function refund() {
    const what = selected.length > 0 ? t("whatSeats", { count: chosen.length }) : t("whatOrder");
    const seats = releaseSeats ? t("seatsBack") : t("seatsOff");
    const confirmed = await confirm({
      title: t("title", { amount: money(amount) }),
      confirmLabel: t("confirm", { amount: money(amount) }),
      body: <p>{t("text", { what, buyer: order.buyerName, seats })}</p>,
    });
    if (!confirmed) return;
    setPending(true);
    setAlert(null);
    try {
      await apiRequest(`/api/admin/reservations/${order.id}/refunds`, {
        method: "POST",
        body: { ...(selected.length > 0 ? { seatIds: selected } : {}), releaseSeats },
      });
      setSelected([]);
      router.refresh();
    } catch (error) {
      setAlert(errorText(error));
    }
    setPending(false);
  }

  return (
    <article
      className="flex flex-col gap-2 rounded-xl border border-slate-200 p-4"
      aria-labelledby={`${formId}-buyer`}
      data-testid="show-order"
      data-order-id={order.id}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p id={`${formId}-buyer`} className="font-semibold">
          {order.buyerName} <span className="font-normal text-slate-500">{order.buyerEmail}</span>
        </p>
        <p className="text-sm tabular-nums" data-testid="order-status">
          {t(`status_${order.status}`)} · {money(order.amountMinor)}
          {order.confirmedAt
            ? t("paid", { time: formatDateTime(new Date(order.confirmedAt), locale) })
            : ""}
        </p>
      </div>
      <fieldset
        className="flex flex-wrap gap-2"
        disabled={pending || !hydrated || order.status !== "CONFIRMED"}
      >
        <legend className="sr-only">{t("seatsLegend")}</legend>
        {order.seats.map((seat) => (
          <label
            key={seat.seatId}
            className="flex items-center gap-1.5 rounded-md border border-slate-200 px-2 py-1 text-xs"
          >
            <input
              type="checkbox"
              disabled={seat.refunded}
              checked={selected.includes(seat.seatId)}
              onChange={(event) => {
                setSelected((current) =>
                  event.target.checked
                    ? [...current, seat.seatId]
                    : current.filter((id) => id !== seat.seatId),
                );
              }}
            />
            {t("seat", {
              row: seat.row,
              column: seat.column,
              grade: seat.gradeName,
              price: money(seat.priceMinor),
            })}
            {seat.refunded ? (
              <span className="font-semibold text-slate-500">{t("refunded")}</span>
            ) : null}
          </label>
        ))}
      </fieldset>
      {order.refunds.length > 0 ? (
        <ul className="text-xs text-slate-600" data-testid="order-refunds">
          {order.refunds.map((refund) => (
            <li key={refund.id}>
              {refund.status === "REFUNDED"
                ? t("refundDone", { amount: money(refund.amountMinor) })
                : t("refundPending", { amount: money(refund.amountMinor) })}
            </li>
          ))}
        </ul>
      ) : null}
      {order.status === "CONFIRMED" ? (
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={releaseSeats}
              disabled={pending}
              onChange={(event) => {
                setReleaseSeats(event.target.checked);
              }}
            />
            {t("release")}
          </label>
          <button
            type="button"
            className={selected.length > 0 ? buttonClass : dangerButtonClass}
            disabled={pending || !hydrated}
            onClick={() => void refund()}
          >
            {pending
              ? t("refunding")
              : selected.length > 0
                ? t("refundSeats", { count: chosen.length, amount: money(amount) })
                : t("refundOrder", { amount: money(amount) })}
          </button>
        </div>
      ) : null}
      <FormAlert message={alert} />
      {dialog}
    </article>
  );
}
