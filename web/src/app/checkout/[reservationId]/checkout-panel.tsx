"use client";

// The pure entry adds Stripe.js to the page only when loadStripe is called (Stripe's
// checkouts); the main entry would add it on every checkout page, simulated ones too.
import { loadStripe } from "@stripe/stripe-js/pure";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ApiError, apiRequest } from "@/components/api-client";
import { formatShowTime } from "@ticketping/common/format";
import { formatMoney } from "@/components/format";
import { formatTimeOfDay } from "@/components/format-time-of-day";
import { HoldCountdown } from "@/components/hold-countdown";
import {
  ReservationStatusBadge,
  reservationStatusStyles,
} from "@/components/tickets/reservation-status";
import { useCountdown } from "@/components/use-countdown";
import type { CheckoutView, StartedCheckout } from "@/server/payments/checkout-view";

const buttonBase =
  "inline-flex min-h-11 items-center justify-center rounded-lg px-5 py-2.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:opacity-60";
const primaryButton = `${buttonBase} bg-brand-600 text-white hover:bg-brand-700 focus-visible:outline-brand-600`;
const secondaryButton = `${buttonBase} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 focus-visible:outline-slate-500`;

export function CheckoutPanel({
  initial,
  returnedFromPayment,
  declined,
  stripePublishableKey,
}: {
  initial: CheckoutView;
  returnedFromPayment: boolean;
  declined: boolean;
  stripePublishableKey: string | null;
}) {
  const url = `/api/reservations/${initial.reservationId}/checkout`;
  const [paying, setPaying] = useState(false);
  const { serverNowMs } = initial;
  const holdLeftMs = useCountdown(new Date(initial.holdExpiresAt).getTime(), serverNowMs);
  const { data: checkout } = useQuery({
    queryKey: ["checkout", initial.reservationId],
    queryFn: () => apiRequest<CheckoutView>(url),
    initialData: initial,
    // While a payment is on its way (or the hold just ran out), ask until the outcome shows.
    // A decline changes nothing to wait for: the hold stays PENDING for the next attempt.
    refetchInterval: (query) =>
      query.state.data?.status === "PENDING" && (returnedFromPayment || paying || holdLeftMs === 0)
        ? 1_000
        : false,
  });

  const waitingForConfirmation =
    checkout.status === "PENDING" &&
    (returnedFromPayment || paying) &&
    !checkout.paymentDeclined &&
    holdLeftMs > 0;

  return (
    <section aria-labelledby="checkout-heading" className="mx-auto flex max-w-4xl flex-col gap-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm font-medium text-slate-600">Checkout</p>
        <h1 id="checkout-heading" className="text-2xl font-bold tracking-tight">
          <Link
            href={`/performances/${checkout.performance.slug}`}
            className="rounded hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {checkout.performance.name}
          </Link>
        </h1>
        <p className="text-slate-700">
          {formatShowTime(new Date(checkout.schedule.startsAt), checkout.performance.hallTimeZone)}{" "}
          · {checkout.performance.hallName}
        </p>
      </header>

      <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_20rem]">
        <SeatSummary checkout={checkout} />
        <div
          className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
          aria-live="polite"
          aria-busy={waitingForConfirmation}
          data-testid="checkout-status"
        >
          <div className="flex items-center justify-between gap-2">
            <ReservationStatusBadge status={checkout.status} />
            <span className="text-lg font-semibold tabular-nums">
              {formatMoney(checkout.amountMinor, checkout.currency)}
            </span>
          </div>
          {checkout.status === "PENDING" ? (
            waitingForConfirmation ? (
              <Confirming />
            ) : (
              <PayBox
                checkout={checkout}
                serverNowMs={serverNowMs}
                holdLeftMs={holdLeftMs}
                declined={declined || checkout.paymentDeclined}
                stripePublishableKey={stripePublishableKey}
                onRedirecting={() => {
                  setPaying(true);
                }}
              />
            )
          ) : checkout.status === "CONFIRMED" ? (
            <Confirmed checkout={checkout} />
          ) : (
            <Ended checkout={checkout} />
          )}
        </div>
      </div>
    </section>
  );
}

function SeatSummary({ checkout }: { checkout: CheckoutView }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">Your seats</h2>
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">Seats and prices</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 font-medium">
              Seat
            </th>
            <th scope="col" className="py-2 font-medium">
              Grade
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              Price
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {checkout.seats.map((seat) => (
            <tr key={seat.seatId}>
              <td className="py-2">
                Row {seat.row}, seat {seat.column}
              </td>
              <td className="py-2">{seat.gradeName}</td>
              <td className="py-2 text-right tabular-nums">
                {formatMoney(seat.priceMinor, checkout.currency)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 font-semibold">
            <th scope="row" colSpan={2} className="py-2 text-left">
              Total
            </th>
            <td className="py-2 text-right tabular-nums">
              {formatMoney(checkout.amountMinor, checkout.currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function PayBox({
  checkout,
  serverNowMs,
  holdLeftMs,
  declined,
  stripePublishableKey,
  onRedirecting,
}: {
  checkout: CheckoutView;
  serverNowMs: number;
  holdLeftMs: number;
  declined: boolean;
  stripePublishableKey: string | null;
  onRedirecting: () => void;
}) {
  const pay = useMutation({
    mutationFn: () =>
      apiRequest<StartedCheckout>(`/api/reservations/${checkout.reservationId}/checkout`, {
        method: "POST",
      }),
    onSuccess: async (started) => {
      if (started.provider === "STRIPE" && stripePublishableKey) {
        // Stripe.js on our page before the redirect gives Stripe's fraud checks their signals.
        await loadStripe(stripePublishableKey).catch(() => null);
      }
      window.location.assign(started.url);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.reason === "PAYMENT_IN_PROGRESS") onRedirecting();
    },
  });
  const lapsed = holdLeftMs === 0;
  const amount = formatMoney(checkout.amountMinor, checkout.currency);

  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm text-slate-700">
        <HoldCountdown
          variant="inline"
          expiresAtMs={new Date(checkout.holdExpiresAt).getTime()}
          serverNowMs={serverNowMs}
        />
      </p>
      {declined && !lapsed && !pay.isPending && !pay.isSuccess ? (
        <Declined holdExpiresAt={checkout.holdExpiresAt} />
      ) : null}
      {pay.error ? <PayError error={pay.error} /> : null}
      <button
        type="button"
        className={primaryButton}
        disabled={lapsed || pay.isPending || pay.isSuccess}
        onClick={() => {
          pay.mutate();
        }}
      >
        {pay.isPending || pay.isSuccess
          ? "Opening the payment page…"
          : declined
            ? `Try again: pay ${amount}`
            : `Pay ${amount}`}
      </button>
      <p className="text-xs text-slate-500">
        {checkout.provider === "STRIPE"
          ? "You pay on Stripe's secure page and come back here."
          : "Test mode: the payment page is simulated and no money moves."}
      </p>
    </div>
  );
}

/**
 * A declined payment charged nothing and kept the hold; the declined payment page is
 * closed, and paying again opens a new one.
 */
function Declined({ holdExpiresAt }: { holdExpiresAt: string }) {
  return (
    <div className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">
      <p className="font-semibold">Your payment was declined. You were not charged.</p>
      <p className="mt-1">
        Your seats are still held for you until {formatTimeOfDay(new Date(holdExpiresAt))}. You can
        try again before then.
      </p>
    </div>
  );
}

function PayError({ error }: { error: Error }) {
  return (
    <p className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">
      {error.message}
    </p>
  );
}

function Confirming() {
  return (
    <div className="flex items-center gap-3 text-sm text-slate-700" role="status">
      <span
        aria-hidden
        className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600"
      />
      Payment received. Confirming your seats…
    </div>
  );
}

function Confirmed({ checkout }: { checkout: CheckoutView }) {
  return (
    <div className="flex flex-col gap-3">
      <p className="font-semibold text-emerald-800">You are going! These seats are yours.</p>
      <Link href="/my-tickets" className={secondaryButton}>
        See My tickets
      </Link>
      {checkout.cancellable ? <CancelTickets checkout={checkout} /> : null}
    </div>
  );
}

function CancelTickets({ checkout }: { checkout: CheckoutView }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancel = useMutation({
    mutationFn: () =>
      apiRequest<{ status: string }>(`/api/reservations/${checkout.reservationId}/cancel`, {
        method: "POST",
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ["checkout", checkout.reservationId] }),
  });
  if (!confirming) {
    return (
      <button
        type="button"
        className={`${buttonBase} text-slate-600 underline-offset-2 hover:underline focus-visible:outline-slate-500`}
        onClick={() => {
          setConfirming(true);
        }}
      >
        Cancel tickets and get a refund
      </button>
    );
  }
  return (
    <div
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3"
      role="group"
      aria-label="Confirm cancellation"
    >
      <p className="text-sm">
        Cancel these {checkout.seats.length === 1 ? "tickets" : `${checkout.seats.length} tickets`}{" "}
        and refund {formatMoney(checkout.amountMinor, checkout.currency)}? The seats go back on
        sale.
      </p>
      {cancel.error ? (
        <p className="text-sm text-red-800" role="alert">
          {cancel.error.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={`${buttonBase} bg-red-700 text-white hover:bg-red-800 focus-visible:outline-red-700`}
          disabled={cancel.isPending}
          onClick={() => {
            cancel.mutate();
          }}
        >
          {cancel.isPending ? "Cancelling…" : "Yes, cancel"}
        </button>
        <button
          type="button"
          className={secondaryButton}
          disabled={cancel.isPending}
          onClick={() => {
            setConfirming(false);
          }}
        >
          Keep my tickets
        </button>
      </div>
    </div>
  );
}

function Ended({ checkout }: { checkout: CheckoutView }) {
  const reason = checkout.statusReason ?? reservationStatusStyles[checkout.status].defaultReason;
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700" data-testid="checkout-reason">
        {reason}
      </p>
      <Link href={`/performances/${checkout.performance.slug}`} className={secondaryButton}>
        Back to the performance
      </Link>
    </div>
  );
}
