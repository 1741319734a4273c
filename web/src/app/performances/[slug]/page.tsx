import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { AppError } from "@ticketping/common/errors";
import { SaleStatusPanel } from "@/components/catalog/sale-status-panel";
import { formatShowTime } from "@ticketping/common/format";
import { ShowTime } from "@/components/show-time";
import { formatDateTime, formatMoney } from "@/components/format";
import { Poster } from "@/components/poster";
import { preQueueLeadMs } from "@/env";
import { SalePhaseBadge } from "@/components/sale-phase-badge";
import { JoinWaitlist } from "@/components/waitlist/join-waitlist";
import { getSessionUser } from "@/server/auth/session";
import { getPerformance } from "@/server/performances/get-performance";
import { getMyShowWaitlists } from "@/server/waitlist/get-my-show-waitlists";
import type { PerformanceDetail } from "@/server/performances/schemas";
import { slugSchema } from "@/server/performances/slug";

interface Props {
  params: Promise<{ slug: string }>;
}

// Metadata and page read the same row once per request.
const loadBySlug = cache(async (rawSlug: string): Promise<PerformanceDetail> => {
  const slug = slugSchema.safeParse(rawSlug);
  if (!slug.success) notFound();
  try {
    return await getPerformance({ slug: slug.data });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

async function load(params: Props["params"]): Promise<PerformanceDetail> {
  return loadBySlug((await params).slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const performance = await load(params);
  return { title: performance.name, description: performance.description };
}

export default async function PerformancePage({ params }: Props) {
  await connection();
  const performance = await load(params);
  const [locale, t] = await Promise.all([getLocale(), getTranslations("performance")]);
  const zone = performance.hall.timeZone;
  const preQueueOpensAt = new Date(performance.bookingOpensAt.getTime() - preQueueLeadMs);
  // Before the opening, the pre-queue takes buyers from its own opening on: the same link
  // leads there (the booking gate sends a buyer without a turn to the waiting room).
  const preQueueOpen = performance.phase === "upcoming" && performance.asOf >= preQueueOpensAt;
  const bookable = performance.phase === "on-sale" || preQueueOpen;
  // A sold-out show of an open sale takes a waitlist (the server checks it again).
  const waitlistOpen =
    performance.phase === "on-sale" ||
    (performance.phase === "sold-out" && performance.asOf >= performance.bookingOpensAt);
  const myWaitlists = await getMyShowWaitlists({
    userId: waitlistOpen ? ((await getSessionUser())?.id ?? null) : null,
    scheduleIds: performance.schedules
      .filter((schedule) => schedule.availableSeats === 0 && !schedule.cancelledAt)
      .map((schedule) => schedule.id),
  });

  return (
    <article aria-labelledby="performance-heading" className="flex flex-col gap-8">
      <div className="grid grid-cols-1 gap-6 md:grid-cols-[minmax(0,18rem)_1fr]">
        <Poster
          url={performance.posterUrl}
          name={performance.name}
          priority
          className="mx-auto w-full max-w-72 rounded-xl shadow-md"
        />
        <div className="flex flex-col gap-4">
          <div className="flex flex-col gap-2">
            <SalePhaseBadge phase={performance.phase} />
            <h1 id="performance-heading" className="text-3xl font-bold tracking-tight">
              {performance.name}
            </h1>
            {performance.description ? (
              <p className="max-w-prose text-slate-700">{performance.description}</p>
            ) : null}
          </div>
          <SaleStatusPanel
            phase={performance.phase}
            opensAtMs={performance.bookingOpensAt.getTime()}
            opensAtLabel={formatDateTime(performance.bookingOpensAt, locale, zone)}
            closesAtLabel={formatDateTime(performance.bookingClosesAt, locale, zone)}
            preQueueOpensAtMs={preQueueOpensAt.getTime()}
            preQueueOpensAtLabel={formatDateTime(preQueueOpensAt, locale, zone)}
            serverNowMs={performance.asOf.getTime()}
          />
          {performance.generalSaleOpensAt &&
          performance.generalSaleOpensAt.getTime() > performance.asOf.getTime() ? (
            <p
              data-testid="presale-notice"
              className="rounded-lg bg-violet-50 p-4 text-sm text-violet-950"
            >
              {t.rich("presaleNotice", {
                strong: (chunks) => <span className="font-semibold">{chunks}</span>,
                generalSale: formatDateTime(performance.generalSaleOpensAt, locale, zone),
                generalPreQueue: formatDateTime(
                  new Date(performance.generalSaleOpensAt.getTime() - preQueueLeadMs),
                  locale,
                  zone,
                ),
              })}
            </p>
          ) : null}
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-slate-500">{t("hall")}</dt>
              <dd>
                {performance.hall.name}
                <span className="block text-slate-600">{performance.hall.address}</span>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("bookingWindow")}</dt>
              <dd>
                {formatDateTime(performance.bookingOpensAt, locale, zone)} –{" "}
                {formatDateTime(performance.bookingClosesAt, locale, zone)}
                <span className="block text-slate-600">{t("venueClock", { timeZone: zone })}</span>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("runningTime")}</dt>
              <dd>{t("minutes", { count: performance.runtimeMinutes })}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("ageRating")}</dt>
              <dd>{performance.ageRating}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("seatsPerBooking")}</dt>
              <dd>{t("upTo", { count: performance.maxSeatsPerReservation })}</dd>
            </div>
          </dl>
        </div>
      </div>

      <section aria-labelledby="grades-heading">
        <h2 id="grades-heading" className="mb-3 text-xl font-semibold">
          {t("prices")}
        </h2>
        <ul className="flex flex-wrap gap-3">
          {performance.grades.map((grade) => (
            <li
              key={grade.id}
              className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-2 shadow-sm"
            >
              <span
                aria-hidden
                className="h-4 w-4 rounded-sm ring-1 ring-black/10"
                style={{ backgroundColor: grade.colour }}
              />
              <span className="font-semibold">{grade.name}</span>
              <span className="tabular-nums text-slate-700">
                {formatMoney(grade.priceMinor, grade.currency, locale)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="schedules-heading">
        <h2 id="schedules-heading" className="mb-3 text-xl font-semibold">
          {t("shows")}
        </h2>
        {performance.schedules.length === 0 ? (
          <p className="text-slate-600">{t("noShows")}</p>
        ) : (
          <ul className="divide-y divide-slate-200 overflow-hidden rounded-xl border border-slate-200 bg-white">
            {performance.schedules.map((schedule) => {
              const cancelled = schedule.cancelledAt !== null;
              const soldOut = !cancelled && schedule.availableSeats === 0;
              return (
                <li
                  key={schedule.id}
                  className="flex flex-wrap items-center justify-between gap-3 px-4 py-3"
                  data-testid="schedule"
                  data-cancelled={cancelled || undefined}
                >
                  <div>
                    <p className="font-semibold">
                      <ShowTime startsAt={schedule.startsAt} timeZone={zone} />
                    </p>
                    <p className="text-sm text-slate-600">
                      {cancelled
                        ? t("cancelledText")
                        : soldOut
                          ? t("soldOut")
                          : t("seatsAvailable", {
                              available: schedule.availableSeats,
                              total: schedule.totalSeats,
                            })}
                    </p>
                  </div>
                  {/* Fixed width: the button appearing at the opening moves nothing. */}
                  <div className="flex w-32 justify-end">
                    {cancelled ? (
                      <span
                        data-testid="schedule-cancelled"
                        // Plain text, not a pill: where other dates have their Book button,
                        // it must not read as one.
                        className="px-1 py-2 text-sm font-semibold text-red-800"
                      >
                        {t("cancelled")}
                      </span>
                    ) : bookable && !soldOut ? (
                      <Link
                        href={`/book/${schedule.id}` as Route}
                        className="inline-flex w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
                        aria-label={t(preQueueOpen ? "joinPreQueueLabel" : "bookLabel", {
                          show: formatShowTime(schedule.startsAt, zone, locale),
                        })}
                      >
                        {preQueueOpen ? t("joinLine") : t("book")}
                      </Link>
                    ) : (
                      <span className="inline-flex w-full items-center justify-center rounded-lg bg-slate-100 px-4 py-2 text-sm font-medium text-slate-600">
                        {soldOut
                          ? t("soldOut")
                          : performance.phase === "upcoming"
                            ? t("opensSoon")
                            : t("closed")}
                      </span>
                    )}
                  </div>
                  {soldOut && waitlistOpen ? (
                    <div className="w-full">
                      <JoinWaitlist
                        scheduleId={schedule.id}
                        showLabel={formatShowTime(schedule.startsAt, zone, locale)}
                        maxSeats={performance.maxSeatsPerReservation}
                        initial={myWaitlists.get(schedule.id) ?? null}
                      />
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="fairness-heading">
        <h2 id="fairness-heading" className="mb-2 text-xl font-semibold">
          {t("fairnessHeading")}
        </h2>
        <p className="max-w-prose text-slate-700">
          {t("fairnessText")}{" "}
          <Link
            href={`/performances/${performance.slug}/fairness` as Route}
            className="font-medium text-slate-900 underline"
          >
            {t("verifySale")}
          </Link>
        </p>
        <p className="mt-2 text-sm text-slate-600">
          {t("commitment", { algorithm: performance.fairness.algorithm })}{" "}
          <code data-testid="fairness-commitment" className="break-all">
            {performance.fairness.commitment}
          </code>
        </p>
      </section>

      <section aria-labelledby="hall-heading">
        <h2 id="hall-heading" className="mb-2 text-xl font-semibold">
          {t("hallHeading")}
        </h2>
        <p className="text-slate-700">
          {t("hallText", {
            name: performance.hall.name,
            address: performance.hall.address,
            rows: performance.hall.rows,
            columns: performance.hall.columns,
          })}
        </p>
      </section>
    </article>
  );
}
