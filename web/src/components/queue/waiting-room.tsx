"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { PowStatus } from "../pow/pow-status";
import { LineStanding } from "./line-standing";
import { useCountdown } from "../use-countdown";
import { QueueNotice, type SaleOpening } from "./queue-notice";
import { SalePhaseLine } from "./sale-phase-line";
import { useAnnouncement } from "./use-announcement";
import { useWaitingRoom, type WaitingView } from "./use-waiting-room";
import { useFormatWait } from "./use-format-wait";
import { peopleAhead } from "./wait-format";

// Only a presale's buyers see the code form, and it checks a code with zod: the line's own
// script stays without zod, and the form's arrives when it is shown (or with the server's
// HTML, when the page opens on it).
const PresaleCodeForm = dynamic(() =>
  import("./presale-code-form").then((module) => module.PresaleCodeForm),
);

type QueueTranslator = ReturnType<typeof useTranslations<"queue">>;

function announcementOf(
  view: WaitingView,
  t: QueueTranslator,
  formatWait: ReturnType<typeof useFormatWait>,
): { message: string; topic: string } {
  switch (view.kind) {
    case "joining":
      return { message: t("announceJoining"), topic: "joining" };
    case "waiting":
      return {
        message: t("announceWaiting", {
          position: view.position,
          ahead: peopleAhead(view.position),
          wait: formatWait(view.estimate),
        }),
        topic: "waiting",
      };
    case "pre":
      return { message: t("announcePre"), topic: "pre" };
    case "entering":
      return { message: t("announceEntering"), topic: "entering" };
    case "presale":
      return { message: t("announcePresale"), topic: "presale" };
    default:
      // The notice itself is an alert and is read out.
      return { message: "", topic: view.kind };
  }
}

/**
 * The live part of the waiting room: where the buyer stands, how the line moves, and what
 * happens next. Keeps one size whatever the state, so the page never jumps as it updates.
 */
export function WaitingRoom({
  performanceId,
  queueUrl,
  destination,
  performanceHref,
  slotEnded,
  opening,
  presale,
}: {
  performanceId: string;
  queueUrl: string;
  /** Where an admitted buyer goes: the show's seat map, or the performance to pick one. */
  destination: string;
  performanceHref: string;
  /** The seat map sent the buyer back: their booking slot ended. */
  slotEnded: boolean;
  /** When the sale and its pre-queue open, for a buyer who came too early. */
  opening: SaleOpening;
  /**
   * The sale is in its presale until the general sale (its time on the venue's clock); the
   * general sale's pre-queue takes buyers without a code from `generalPreQueueOpensAtMs`.
   */
  presale: {
    generalSaleLabel: string;
    generalSaleOpensAtMs: number;
    generalPreQueueOpensAtMs: number;
  } | null;
}) {
  // On the server's clock (the page's offset), so the line opens to all on time.
  const presaleLeftMs = useCountdown(presale?.generalSaleOpensAtMs ?? 0, opening.serverNowMs);
  const generalPreQueueLeftMs = useCountdown(
    presale?.generalPreQueueOpensAtMs ?? 0,
    opening.serverNowMs,
  );
  const { view, connection, progress, powProgress, retry, leave, joinWithCode, joinWithoutCode } =
    useWaitingRoom({
      performanceId,
      queueUrl,
      destination,
      slotEnded,
      presale: presale !== null && presaleLeftMs > 0,
    });
  const t = useTranslations("queue");
  const formatWait = useFormatWait();
  const { message, topic } = announcementOf(view, t, formatWait);
  const announcement = useAnnouncement(message, topic);
  const inLine = view.kind === "waiting" || view.kind === "joining" || view.kind === "pre";
  const lost = connection === "reconnecting" || connection === "connecting";
  const ended = view.kind === "refused" || view.kind === "released" || view.kind === "left";

  return (
    <section
      aria-labelledby="waiting-heading"
      data-testid="waiting-room"
      data-state={view.kind}
      data-connection={connection}
      className="flex flex-col gap-4"
    >
      <div
        data-testid="waiting-card"
        className="flex min-h-[22rem] flex-col gap-5 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
      >
        {/* An ended visit's notice brings its own heading: "You're in line" would be untrue. */}
        {ended ? null : (
          <div className="flex flex-col items-start gap-2 sm:flex-row sm:items-center sm:justify-between">
            <h2 id="waiting-heading" className="text-lg font-semibold">
              {view.kind === "entering"
                ? t("headingEntering")
                : view.kind === "presale"
                  ? t("headingPresale")
                  : view.kind === "pre"
                    ? t("headingPre")
                    : t("headingWaiting")}
            </h2>
            <SalePhaseLine progress={progress} />
          </div>
        )}

        {ended ? (
          <QueueNotice
            view={view}
            performanceHref={performanceHref}
            onRejoin={retry}
            opening={opening}
          />
        ) : (
          <div className={lost && view.kind === "waiting" ? "opacity-60" : undefined}>
            {view.kind === "presale" ? (
              <PresaleCodeForm
                generalSaleLabel={presale?.generalSaleLabel ?? ""}
                refusal={view.refusal}
                onSubmit={joinWithCode}
                onWaitForGeneralSale={generalPreQueueLeftMs > 0 ? undefined : joinWithoutCode}
              />
            ) : view.kind === "pre" ? (
              <p data-round={view.round} className="rounded-lg bg-amber-50 p-4 text-amber-950">
                {t(view.round === "general" ? "preTextGeneral" : "preText")}
              </p>
            ) : view.kind === "entering" ? (
              <div className="flex flex-col gap-5">
                <LineStanding
                  standing={{ position: 1, startPosition: 1, estimate: { kind: "next" } }}
                />
                <p className="font-medium text-emerald-800">{t("takingYou")}</p>
              </div>
            ) : (
              <div className="flex flex-col gap-5">
                <LineStanding standing={view.kind === "waiting" ? view : null} />
                <p className="text-sm text-slate-600">{t("keepOpen")}</p>
              </div>
            )}
          </div>
        )}

        {/* Always the same height, so a message appearing moves nothing. */}
        {powProgress && inLine ? (
          // Before the socket opens: the organizer's browser check (see fetchQueueTicket).
          <div className="mt-auto min-h-10 sm:min-h-6">
            <PowStatus id="queue-pow" check={{ kind: "checking", ...powProgress }} />
          </div>
        ) : (
          <p
            role="status"
            data-testid="queue-connection"
            className={`mt-auto min-h-10 text-sm font-medium sm:min-h-6 ${lost && inLine ? "text-amber-800" : "text-transparent"}`}
          >
            {lost && inLine
              ? connection === "connecting"
                ? t("connecting")
                : t("reconnecting")
              : ""}
          </p>
        )}
      </div>

      <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="queue-announcement">
        {announcement}
      </p>

      <div className="min-h-10">
        {view.kind === "waiting" || view.kind === "pre" ? (
          <button
            type="button"
            onClick={leave}
            className="rounded-lg px-3 py-2 text-sm font-medium text-slate-600 underline-offset-2 hover:text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-600"
          >
            {t("leave")}
          </button>
        ) : null}
      </div>
    </section>
  );
}
