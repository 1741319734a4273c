"use client";

import Link from "next/link";
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
// one-line message.
const refusalMessages: Partial<Record<string, string>> = {
  SOLD_OUT:
    "Every seat is sold. Seats that come back (a refund, an unpaid hold) go to the show's waitlist: join it from the performance page.",
  LINE_FULL:
    "The line already holds far more buyers than there are seats left, so joining now would only mean a long wait for nothing. Places open up as the line moves: try again in a minute.",
  SALE_CLOSED: "Booking for this performance has ended.",
  NOT_ADMITTED:
    "Your turn passed before you went on to the seats. Join the line again for a new turn.",
};

const refusalTitles: Partial<Record<string, string>> = {
  UNKNOWN_PERFORMANCE: "This performance is not available",
  SALE_CLOSED: "The sale has closed",
  SOLD_OUT: "Sold out",
  LINE_FULL: "The line is full",
  NOT_OPEN_YET: "The waiting room is not open yet",
  RATE_LIMITED: "Too many attempts",
  SERVICE_UNAVAILABLE: "The waiting room is unavailable",
  NOT_ADMITTED: "Your turn has passed",
  ENTRY_FAILED: "We could not take you further",
  EMAIL_NOT_VERIFIED: "Confirm your email to join the line",
  PRESALE_CODE_REQUIRED: "A presale code is needed",
  PRESALE_CODE_INVALID: "This presale code is not valid",
  PRESALE_CODE_USED_UP: "This presale code is used up",
};

function describe(view: Ended): { title: string; message: string; canRejoin: boolean } {
  if (view.kind === "refused") {
    return {
      title: refusalTitles[view.code] ?? "Something went wrong",
      message: refusalMessages[view.code] ?? view.message,
      canRejoin: view.retry,
    };
  }
  if (view.kind === "left") {
    return { title: "You left the line", message: "Your place was given up.", canRejoin: true };
  }
  switch (view.reason) {
    case "confirmed":
      return {
        title: "Your booking is complete",
        message: "Your tickets are confirmed. You will find them under My tickets.",
        canRejoin: false,
      };
    case "expired":
      return {
        title: "Your booking slot has ended",
        message:
          "Your time to choose seats ran out before you held any. Join the line again for a new turn: you go to the back of the line.",
        canRejoin: true,
      };
    case "left":
      return { title: "You gave your slot back", message: "Your turn ended.", canRejoin: true };
    case "revoked":
      return {
        title: "Your booking slot was withdrawn",
        message: "The organizer ended your slot. You can join the line again.",
        canRejoin: true,
      };
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
  const { title, message, canRejoin } = describe(view);
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
            It opens on {opening.preQueueOpensAtLabel}, before the sale itself. Everyone who joins
            before the sale opens is given a random place in line at the opening, so coming early or
            at the last minute makes no difference.
          </p>
        ) : (
          <p className="text-slate-700">{message}</p>
        )}
        {early && untilPreQueue > 0 ? (
          <p className="text-slate-700">
            Opens in{" "}
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
            Join the pre-queue
          </button>
        ) : null}
        {canRejoin && !early ? (
          <button
            type="button"
            onClick={onRejoin}
            className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
          >
            {unverified
              ? "I have confirmed it: join the line"
              : view.kind === "refused"
                ? "Try again"
                : "Join the line again"}
          </button>
        ) : null}
        {unverified ? <ResendVerificationButton /> : null}
        <Link
          href={confirmed ? "/my-tickets" : performanceHref}
          className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          {confirmed ? "My tickets" : "Back to the performance"}
        </Link>
      </div>
    </div>
  );
}
