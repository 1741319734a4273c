"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { apiRequest, ApiError } from "../api-client";
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
  const router = useRouter();
  const formId = useId();
  const [selected, setSelected] = useState<string[]>([]);
  const [releaseSeats, setReleaseSeats] = useState(true);
  const [pending, setPending] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const { confirm, dialog } = useConfirmDialog();
  const open = order.seats.filter((seat) => !seat.refunded);
  const chosen = selected.length > 0 ? open.filter((seat) => selected.includes(seat.seatId)) : open;
  const amount = chosen.reduce((sum, seat) => sum + seat.priceMinor, 0);

  async function refund() {
    const what = selected.length > 0 ? `${chosen.length} seat(s)` : "the whole order";
    const seats = releaseSeats ? "go back on sale" : "stay off sale";
    const confirmed = await confirm({
      title: `Refund ${formatMoney(amount, order.currency)}?`,
      confirmLabel: `Refund ${formatMoney(amount, order.currency)}`,
      body: (
        <p>
          {`For ${what} of ${order.buyerName}: their tickets stop admitting at once, the seats ${seats} and the buyer is mailed. This cannot be undone.`}
        </p>
      ),
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
      setAlert(
        error instanceof ApiError ? error.message : "Something went wrong. Please try again.",
      );
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
          {order.status} · {formatMoney(order.amountMinor, order.currency)}
          {order.confirmedAt ? ` · paid ${formatDateTime(new Date(order.confirmedAt))}` : ""}
        </p>
      </div>
      <fieldset className="flex flex-wrap gap-2" disabled={pending || order.status !== "CONFIRMED"}>
        <legend className="sr-only">Seats to refund (none ticked: the whole order)</legend>
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
            {`Row ${seat.row}, seat ${seat.column} · ${seat.gradeName} · ${formatMoney(seat.priceMinor, order.currency)}`}
            {seat.refunded ? <span className="font-semibold text-slate-500">refunded</span> : null}
          </label>
        ))}
      </fieldset>
      {order.refunds.length > 0 ? (
        <ul className="text-xs text-slate-600" data-testid="order-refunds">
          {order.refunds.map((refund) => (
            <li key={refund.id}>
              {refund.status === "REFUNDED"
                ? `Refunded ${formatMoney(refund.amountMinor, order.currency)}`
                : `Refund of ${formatMoney(refund.amountMinor, order.currency)} on its way`}
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
            Put the seats back on sale
          </label>
          <button
            type="button"
            className={selected.length > 0 ? buttonClass : dangerButtonClass}
            disabled={pending}
            onClick={() => void refund()}
          >
            {pending
              ? "Refunding…"
              : selected.length > 0
                ? `Refund ${chosen.length} seat(s), ${formatMoney(amount, order.currency)}`
                : `Refund the whole order, ${formatMoney(amount, order.currency)}`}
          </button>
        </div>
      ) : null}
      <FormAlert message={alert} />
      {dialog}
    </article>
  );
}
