import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { AppError } from "@ticketping/common/errors";
import { formatMoney } from "@/components/format";
import { HoldCountdown } from "@/components/hold-countdown";
import { getSessionUser } from "@/server/auth/session";
import { getSimulatedCheckout } from "@/server/payments/simulated-checkout";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("simulated"))("title") };
}

/**
 * The Simulated provider's payment page, standing in for Stripe's. Its buttons post to
 * ./submit, which sends the webhook Stripe would send.
 */
export default async function SimulatedCheckoutPage({
  params,
}: {
  params: Promise<{ sessionId: string }>;
}) {
  await connection();
  const { sessionId } = await params;
  const user = await getSessionUser();
  if (!user) {
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/simulated-checkout/${sessionId}`)}`);
  }
  const checkout = await getSimulatedCheckout({ sessionId, userId: user.id }).catch(
    (error: unknown) => {
      if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
      throw error;
    },
  );
  const [locale, t] = await Promise.all([getLocale(), getTranslations("simulated")]);
  const amount = formatMoney(checkout.amountMinor, checkout.currency, locale);

  return (
    <section
      aria-labelledby="payment-heading"
      className="mx-auto flex max-w-md flex-col gap-5 rounded-2xl border-2 border-dashed border-amber-400 bg-white p-6 shadow-sm"
    >
      <p className="rounded-md bg-amber-100 px-3 py-2 text-sm font-medium text-amber-900">
        {t("banner")}
      </p>
      <div>
        <h1 id="payment-heading" className="text-xl font-bold">
          {t("pay", { amount })}
        </h1>
        <p className="text-slate-700">
          {checkout.performanceName} · {t("seats", { count: checkout.seatCount })}
        </p>
      </div>
      {checkout.open ? (
        <>
          <p className="text-sm text-slate-700">
            <HoldCountdown
              variant="inline"
              expiresAtMs={new Date(checkout.holdExpiresAt).getTime()}
              serverNowMs={checkout.serverNowMs}
            />
          </p>
          <form
            method="post"
            action={`/simulated-checkout/${checkout.sessionId}/submit`}
            className="flex flex-col gap-3 sm:flex-row"
          >
            <button
              type="submit"
              name="outcome"
              value="pay"
              className="inline-flex min-h-11 flex-1 items-center justify-center rounded-lg bg-emerald-700 px-5 py-2.5 font-semibold text-white hover:bg-emerald-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-700"
            >
              {t("pay", { amount })}
            </button>
            <button
              type="submit"
              name="outcome"
              value="decline"
              className="inline-flex min-h-11 flex-1 items-center justify-center rounded-lg border border-slate-300 px-5 py-2.5 font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-500"
            >
              {t("decline")}
            </button>
          </form>
        </>
      ) : (
        <p className="text-sm text-slate-700" role="status">
          {t("closed")}{" "}
          <a
            href={`/checkout/${checkout.reservationId}`}
            className="font-semibold text-brand-700 underline"
          >
            {t("back")}
          </a>
        </p>
      )}
    </section>
  );
}
