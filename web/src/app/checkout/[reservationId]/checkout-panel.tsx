"use client";

// The pure entry adds Stripe.js to the page only when loadStripe is called (Stripe's
// checkouts); the main entry would add it on every checkout page, simulated ones too.
import { loadStripe } from "@stripe/stripe-js/pure";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { ApiError, apiRequest } from "@/components/api-client";
import { formatMoney } from "@/components/format";
import { formatTimeOfDay } from "@/components/format-time-of-day";
import { HoldCountdown } from "@/components/hold-countdown";
import { ShowTime } from "@/components/show-time";
import { ReservationStatusBadge, useStatusReason } from "@/components/tickets/reservation-status";
import { useErrorText } from "@/components/use-error-text";
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
  const t = useTranslations("checkout");
  const locale = useLocale();
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
        <p className="text-sm font-medium text-slate-600">{t("title")}</p>
        <h1 id="checkout-heading" className="text-2xl font-bold tracking-tight">
          <Link
            href={`/performances/${checkout.performance.slug}`}
            className="rounded hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {checkout.performance.name}
          </Link>
        </h1>
        <p className="text-slate-700">
          <ShowTime
            startsAt={new Date(checkout.schedule.startsAt)}
            timeZone={checkout.performance.hallTimeZone}
          />{" "}
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
              {formatMoney(checkout.amountMinor, checkout.currency, locale)}
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
  const t = useTranslations("checkout");
  const locale = useLocale();
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">{t("yourSeats")}</h2>
      <table className="mt-3 w-full text-sm">
        <caption className="sr-only">{t("seatsAndPrices")}</caption>
        <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 font-medium">
              {t("seat")}
            </th>
            <th scope="col" className="py-2 font-medium">
              {t("grade")}
            </th>
            <th scope="col" className="py-2 text-right font-medium">
              {t("price")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {checkout.seats.map((seat) => (
            <tr key={seat.seatId}>
              <td className="py-2">{t("seatName", { row: seat.row, column: seat.column })}</td>
              <td className="py-2">{seat.gradeName}</td>
              <td className="py-2 text-right tabular-nums">
                {formatMoney(seat.priceMinor, checkout.currency, locale)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-200 font-semibold">
            <th scope="row" colSpan={2} className="py-2 text-left">
              {t("total")}
            </th>
            <td className="py-2 text-right tabular-nums">
              {formatMoney(checkout.amountMinor, checkout.currency, locale)}
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
  const t = useTranslations("checkout");
  const locale = useLocale();
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
  const amount = formatMoney(checkout.amountMinor, checkout.currency, locale);

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
          ? t("opening")
          : declined
            ? t("tryAgainPay", { amount })
            : t("pay", { amount })}
      </button>
      <p className="text-xs text-slate-500">
        {checkout.provider === "STRIPE" ? t("stripeNote") : t("simulatedNote")}
      </p>
    </div>
  );
}

/**
 * A declined payment charged nothing and kept the hold; the declined payment page is
 * closed, and paying again opens a new one.
 */
function Declined({ holdExpiresAt }: { holdExpiresAt: string }) {
  const t = useTranslations("checkout");
  const locale = useLocale();
  return (
    <div className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">
      <p className="font-semibold">{t("declined")}</p>
      <p className="mt-1">
        {t("stillHeld", { time: formatTimeOfDay(new Date(holdExpiresAt), locale) })}
      </p>
    </div>
  );
}

function PayError({ error }: { error: Error }) {
  const errorText = useErrorText();
  return (
    <p className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="alert">
      {errorText(error)}
    </p>
  );
}

function Confirming() {
  const t = useTranslations("checkout");
  return (
    <div className="flex items-center gap-3 text-sm text-slate-700" role="status">
      <span
        aria-hidden
        className="h-5 w-5 animate-spin rounded-full border-2 border-slate-300 border-t-brand-600"
      />
      {t("confirming")}
    </div>
  );
}

function Confirmed({ checkout }: { checkout: CheckoutView }) {
  const t = useTranslations("checkout");
  return (
    <div className="flex flex-col gap-3">
      <p className="font-semibold text-emerald-800">{t("confirmed")}</p>
      <Link href="/my-tickets" className={secondaryButton}>
        {t("seeTickets")}
      </Link>
      {checkout.cancellable ? <CancelTickets checkout={checkout} /> : null}
    </div>
  );
}

function CancelTickets({ checkout }: { checkout: CheckoutView }) {
  const t = useTranslations("checkout");
  const locale = useLocale();
  const errorText = useErrorText();
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
        {t("cancelOpen")}
      </button>
    );
  }
  return (
    <div
      className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3"
      role="group"
      aria-label={t("cancelGroup")}
    >
      <p className="text-sm">
        {t("cancelQuestion", {
          count: checkout.seats.length,
          amount: formatMoney(checkout.amountMinor, checkout.currency, locale),
        })}
      </p>
      {cancel.error ? (
        <p className="text-sm text-red-800" role="alert">
          {errorText(cancel.error)}
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
          {cancel.isPending ? t("cancelling") : t("yesCancel")}
        </button>
        <button
          type="button"
          className={secondaryButton}
          disabled={cancel.isPending}
          onClick={() => {
            setConfirming(false);
          }}
        >
          {t("keep")}
        </button>
      </div>
    </div>
  );
}

function Ended({ checkout }: { checkout: CheckoutView }) {
  const t = useTranslations("checkout");
  const reason = useStatusReason()(
    checkout.status,
    checkout.statusReason,
    checkout.statusReasonCode,
  );
  return (
    <div className="flex flex-col gap-3">
      <p className="text-sm text-slate-700" data-testid="checkout-reason">
        {reason}
      </p>
      <Link href={`/performances/${checkout.performance.slug}`} className={secondaryButton}>
        {t("back")}
      </Link>
    </div>
  );
}
