"use client";

import { useLocale, useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { formatShowTime } from "@ticketping/common/format";

const subscribeNever = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const serverZone = () => null;

/**
 * A show time on the venue's clock, in the page's language, and, when the buyer's own clock
 * reads otherwise, the buyer's time beside it. The server knows only the venue's zone: the
 * buyer's part appears once the browser runs, so the server's HTML and the first render
 * agree.
 */
export function ShowTime({ startsAt, timeZone }: { startsAt: Date; timeZone: string }) {
  const locale = useLocale();
  const t = useTranslations("time");
  const ownZone = useSyncExternalStore(subscribeNever, browserZone, serverZone);
  const venue = formatShowTime(startsAt, timeZone, locale);
  const own = ownZone ? formatShowTime(startsAt, ownZone, locale) : null;
  const differs = own !== null && clockOf(own) !== clockOf(venue);
  return (
    <>
      <time dateTime={startsAt.toISOString()}>{venue}</time>
      {differs ? (
        <span className="block text-xs font-normal text-slate-600" data-testid="own-time">
          {t("yourTime", { time: own })}
        </span>
      ) : null}
    </>
  );
}

/** The reading without the zone's name: two zones on one clock (Seoul, Tokyo) agree. */
function clockOf(formatted: string): string {
  return formatted.replace(/\s*\([^)]*\)$/, "").replace(/\s+\S+$/, "");
}
