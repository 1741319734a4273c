"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { ResendVerificationButton } from "../auth/resend-verification-button";
import { CountdownTimer } from "../countdown-timer";
import { useCountdown } from "../use-countdown";
import type { WaitingView } from "./use-waiting-room";

type Ended = Extract<WaitingView, { kind: "refused" | "released" | "left" }>;

/** When the sale opens, and its pre-queue before it, as the waiting room's page knows. */
export interface SaleOpening {
  opensAtMs: number;
  preQueueOpensAtMs: number;
  /** The pre-queue's opening on the venue's clock, e.g. "Sun, 20 Dec 2026, 19:00 GMT+9 (...)". */
  preQueueOpensAtLabel: string;
  serverNowMs: number;
}

// What each refusal means for the buyer and what to do next, in place of the protocol's
// one-line message (the queue's messages `refusedTitle_<code>`, `refusedMessage_<code>`).
const REFUSAL_CODES = [
  "UNKNOWN_PERFORMANCE",
  "SALE_CLOSED",
  "SOLD_OUT",
  "LINE_FULL",
  "NOT_OPEN_YET",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "NOT_ADMITTED",
  "ENTRY_FAILED",
  "EMAIL_NOT_VERIFIED",
  "PRESALE_CODE_REQUIRED",
  "PRESALE_CODE_INVALID",
  "PRESALE_CODE_USED_UP",
] as const;
type RefusalCode = (typeof REFUSAL_CODES)[number];

const isRefusalCode = (code: string): code is RefusalCode =>
  (REFUSAL_CODES as readonly string[]).includes(code);

/** Refusals whose explanation is the server's own (the pre-queue's opening, the code's fate). */
type ServerWorded =
  "NOT_OPEN_YET" | "PRESALE_CODE_REQUIRED" | "PRESALE_CODE_INVALID" | "PRESALE_CODE_USED_UP";
const hasOwnMessage = (code: RefusalCode): code is Exclude<RefusalCode, ServerWorded> =>
  ![
    "NOT_OPEN_YET",
    "PRESALE_CODE_REQUIRED",
    "PRESALE_CODE_INVALID",
    "PRESALE_CODE_USED_UP",
  ].includes(code);

function describe(
  view: Ended,
  t: ReturnType<typeof useTranslations<"queue">>,
): { title: string; message: string; canRejoin: boolean } {
  if (view.kind === "refused") {
    const code = isRefusalCode(view.code) ? view.code : null;
    return {
      title: code ? t(`refusedTitle_${code}`) : t("refusedTitleOther"),
      // NOT_OPEN_YET says its own (the pre-queue's opening); presale refusals and an
      // unknown code, the server's.
      message: code && hasOwnMessage(code) ? t(`refusedMessage_${code}`) : view.message,
      canRejoin: view.retry,
    };
  }
  if (view.kind === "left") {
    return { title: t("leftTitle"), message: t("leftMessage"), canRejoin: true };
  }
  switch (view.reason) {
    case "confirmed":
      return { title: t("confirmedTitle"), message: t("confirmedMessage"), canRejoin: false };
    case "expired":
      return { title: t("expiredTitle"), message: t("expiredMessage"), canRejoin: true };
    case "left":
      return { title: t("gaveBackTitle"), message: t("gaveBackMessage"), canRejoin: true };
    case "revoked":
      return { title: t("revokedTitle"), message: t("revokedMessage"), canRejoin: true };
  }
}

/** Why the buyer is no longer waiting, and the ways on: join again, or back. */
export function QueueNotice({
  view,
  performanceHref,
  onRejoin,
  opening,
}: {
  view: Ended;
  performanceHref: string;
  onRejoin: () => void;
  opening: SaleOpening;
}) {
  const t = useTranslations("queue");
  const { title, message, canRejoin } = describe(view, t);
  const confirmed = view.kind === "released" && view.reason === "confirmed";
  const unverified = view.kind === "refused" && view.code === "EMAIL_NOT_VERIFIED";
  const early = view.kind === "refused" && view.code === "NOT_OPEN_YET";
  const untilPreQueue = useCountdown(opening.preQueueOpensAtMs, opening.serverNowMs);
  return (
    <div
      data-testid="queue-notice"
      data-code={view.kind === "refused" ? view.code : view.kind}
      className="flex flex-col gap-4"
    >
      <div role="alert" className="flex flex-col gap-1">
        <h2 id="waiting-heading" className="text-lg font-semibold">
          {title}
        </h2>
        {early ? (
          <p className="text-slate-700">
            {t("notOpenText", { time: opening.preQueueOpensAtLabel })}
          </p>
        ) : (
          <p className="text-slate-700">{message}</p>
        )}
        {early && untilPreQueue > 0 ? (
          <p className="text-slate-700">
            {t("opensIn")}{" "}
            <CountdownTimer remainingMs={untilPreQueue} className="min-w-[8ch] font-semibold" />
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        {early ? (
          <button
            type="button"
            onClick={onRejoin}
            disabled={untilPreQueue > 0}
            className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-slate-300"
          >
            {t("joinPreQueue")}
          </button>
        ) : null}
        {canRejoin && !early ? (
          <button
            type="button"
            onClick={onRejoin}
            className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
          >
            {unverified
              ? t("confirmedJoin")
              : view.kind === "refused"
                ? t("tryAgain")
                : t("joinAgain")}
          </button>
        ) : null}
        {unverified ? <ResendVerificationButton /> : null}
        <Link
          href={confirmed ? "/my-tickets" : performanceHref}
          className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          {confirmed ? t("myTickets") : t("backToPerformance")}
        </Link>
      </div>
    </div>
  );
}
