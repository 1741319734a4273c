import Link from "next/link";
import { ResendVerificationButton } from "../auth/resend-verification-button";
import type { WaitingView } from "./use-waiting-room";

type Ended = Extract<WaitingView, { kind: "refused" | "released" | "left" }>;

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
};

function describe(view: Ended): { title: string; message: string; canRejoin: boolean } {
  if (view.kind === "refused") {
    return {
      title: refusalTitles[view.code] ?? "Something went wrong",
      message: view.message,
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
        title: "Your turn has passed",
        message: "Your booking slot ran out before it was used. You can join the line again.",
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
}: {
  view: Ended;
  performanceHref: string;
  onRejoin: () => void;
}) {
  const { title, message, canRejoin } = describe(view);
  const confirmed = view.kind === "released" && view.reason === "confirmed";
  const unverified = view.kind === "refused" && view.code === "EMAIL_NOT_VERIFIED";
  return (
    <div
      data-testid="queue-notice"
      data-code={view.kind === "refused" ? view.code : view.kind}
      className="flex flex-col gap-4"
    >
      <div role="alert" className="flex flex-col gap-1">
        <h2 className="text-lg font-semibold">{title}</h2>
        <p className="text-slate-700">{message}</p>
      </div>
      <div className="flex flex-wrap gap-3">
        {canRejoin ? (
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
