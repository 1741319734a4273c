import { useLocale, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { WaitEstimate } from "@ticketping/common/queue/client";
import { useFormatWait } from "./use-format-wait";
import { lineProgressPercent, peopleAhead } from "./wait-format";

/**
 * Place in line, people ahead, estimated wait and a progress bar. Placeholders keep the
 * same size, so nothing moves when the first figures arrive.
 */
export function LineStanding({
  standing,
}: {
  standing: { position: number; startPosition: number; estimate: WaitEstimate } | null;
}) {
  const t = useTranslations("queue");
  const locale = useLocale();
  const formatWait = useFormatWait();
  const percent = standing ? lineProgressPercent(standing.position, standing.startPosition) : 0;
  const ahead = standing ? peopleAhead(standing.position) : null;
  return (
    <div className="flex flex-col gap-5">
      <dl className="grid grid-cols-2 gap-2 text-center sm:grid-cols-3 sm:gap-4">
        {/* On a phone the place gets the whole first row; the others share the second. */}
        <Figure label={t("yourPlace")} testId="queue-position" large>
          {standing ? standing.position.toLocaleString(locale) : "–"}
        </Figure>
        <Figure label={t("peopleAhead")} testId="queue-ahead">
          {ahead === null ? "–" : ahead.toLocaleString(locale)}
        </Figure>
        <Figure label={t("estimatedWait")} testId="queue-wait">
          {standing ? formatWait(standing.estimate) : "–"}
        </Figure>
      </dl>
      <div>
        <div
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={
            standing
              ? t("progressText", { percent, position: standing.position, ahead: ahead ?? 0 })
              : t("findingPlace")
          }
          className="h-3 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div
            className="h-full rounded-full bg-brand-600 transition-[width] duration-700 ease-out motion-reduce:transition-none"
            style={{ width: `${percent}%` }}
          />
        </div>
      </div>
    </div>
  );
}

function Figure({
  label,
  testId,
  large = false,
  children,
}: {
  label: string;
  testId: string;
  large?: boolean;
  children: ReactNode;
}) {
  return (
    <div
      className={`flex min-w-0 flex-col gap-1 rounded-lg bg-slate-50 px-2 py-3 ${large ? "col-span-2 sm:col-span-1" : ""}`}
    >
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd
        data-testid={testId}
        className={`truncate font-bold tabular-nums text-slate-900 ${large ? "text-3xl sm:text-4xl" : "text-lg leading-10 sm:text-xl"}`}
      >
        {children}
      </dd>
    </div>
  );
}
