import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { AppError } from "@ticketping/common/errors";
import { checkSale } from "@ticketping/verify";
import { formatDateTime } from "@/components/format";
import { SaleReportFigures } from "@/components/fairness/sale-report-figures";
import { getPublicSaleReport } from "@/server/fairness/get-public-sale-report";
import { getSaleFairness } from "@/server/fairness/get-sale-fairness";
import type { SaleReport } from "@/server/fairness/report-schemas";
import type { SaleFairness } from "@/server/fairness/schemas";
import { slugSchema } from "@/server/performances/slug";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fairness"))("title") };
}

async function load(rawSlug: string): Promise<SaleFairness> {
  const slug = slugSchema.safeParse(rawSlug);
  if (!slug.success) notFound();
  try {
    return await getSaleFairness({ slug: slug.data });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** The report once the sale has closed; null before (REPORT_NOT_PUBLIC). */
async function loadReport(performanceId: string): Promise<SaleReport | null> {
  try {
    return await getPublicSaleReport({ performanceId });
  } catch (error) {
    if (error instanceof AppError && error.code === "REPORT_NOT_PUBLIC") return null;
    throw error;
  }
}

/**
 * The sale's fairness record and the verifier's verdict on it. The page runs the same
 * check as `npx ticketping-verify` on the record the API publishes; the point of publishing
 * is that nobody has to trust this page: the command and docs/fairness.md recompute it.
 */
export default async function FairnessPage({ params }: { params: Promise<{ slug: string }> }) {
  await connection();
  const { slug } = await params;
  const record = await load(slug);
  const report = await loadReport(record.performanceId);
  const verdict = checkSale({
    ...record,
    shuffledAt: record.shuffledAt?.toISOString() ?? null,
    generalSale: record.generalSale && {
      ...record.generalSale,
      opensAt: record.generalSale.opensAt.toISOString(),
      shuffledAt: record.generalSale.shuffledAt?.toISOString() ?? null,
      notRun: record.generalSale.notRun && {
        ...record.generalSale.notRun,
        closedAt: record.generalSale.notRun.closedAt.toISOString(),
      },
    },
  });
  const { generalSale } = record;
  const apiPath = `/api/performances/${slug}/fairness`;
  const [locale, t] = await Promise.all([getLocale(), getTranslations("fairness")]);

  return (
    <article className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <header className="flex flex-col gap-1">
        <Link
          href={`/performances/${slug}` as Route}
          className="text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          {t("back")}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-prose text-slate-700">{t("intro")}</p>
      </header>

      <section
        aria-labelledby="verdict-heading"
        data-testid="fairness-verdict"
        data-outcome={verdict.outcome}
        className="rounded border border-slate-300 p-4"
      >
        <h2 id="verdict-heading" className="text-xl font-semibold">
          {t(
            verdict.outcome === "matches"
              ? "outcome_matches"
              : verdict.outcome === "not-yet-revealed"
                ? "outcome_not-yet-revealed"
                : "outcome_mismatch",
          )}
        </h2>
        <p className="text-slate-700">
          {verdict.outcome === "matches"
            ? t("matchesText", { entrants: verdict.entrants })
            : verdict.outcome === "not-yet-revealed"
              ? verdict.opening
                ? t("notRevealedGeneralText", { entrants: verdict.opening.entrants })
                : t("notRevealedText")
              : // The verifier names each fault in English; other languages say it plainly.
                locale === "en"
                ? verdict.reasons.join(" ")
                : t("mismatchText")}
        </p>
        {verdict.outcome === "matches" && verdict.generalEntrants !== undefined ? (
          <p className="text-slate-700">
            {t("matchesGeneralText", { entrants: verdict.generalEntrants })}
          </p>
        ) : null}
        {verdict.outcome === "matches" && verdict.singleRound === "opened-after-general-sale" ? (
          <p className="text-slate-700">{t("singleRoundText")}</p>
        ) : null}
        {verdict.outcome === "matches" &&
        verdict.singleRound === "general-round-not-run-sale-closed" ? (
          <p className="text-slate-700">{t("singleRoundClosedText")}</p>
        ) : null}
      </section>

      <section aria-labelledby="record-heading" className="flex flex-col gap-2">
        <h2 id="record-heading" className="text-xl font-semibold">
          {t("recordHeading")}
        </h2>
        <dl className="grid grid-cols-1 gap-y-2 text-sm">
          <div>
            <dt className="font-medium text-slate-500">{t("algorithm")}</dt>
            <dd>{record.algorithm}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">{t("commitment")}</dt>
            <dd>
              <code className="break-all">{record.commitment}</code>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">{t("seed")}</dt>
            <dd>
              <code className="break-all">{record.seed ?? t("afterOpening")}</code>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">{t("shuffled")}</dt>
            <dd>{record.shuffledAt ? formatDateTime(record.shuffledAt, locale) : t("notYet")}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">{t("entrants")}</dt>
            <dd>{record.entrants?.length ?? t("afterOpening")}</dd>
          </div>
        </dl>
      </section>

      {generalSale ? (
        <section
          aria-labelledby="general-heading"
          data-testid="fairness-general-sale"
          className="flex flex-col gap-2"
        >
          <h2 id="general-heading" className="text-xl font-semibold">
            {t("generalHeading")}
          </h2>
          <p className="max-w-prose text-slate-700">{t("generalIntro")}</p>
          <dl className="grid grid-cols-1 gap-y-2 text-sm">
            {/* After its round, "Shuffled" below says when it ran: no second row of it. */}
            {generalSale.shuffledAt ? null : (
              <div>
                <dt className="font-medium text-slate-500">{t("generalOpens")}</dt>
                <dd>{formatDateTime(generalSale.opensAt, locale)}</dd>
              </div>
            )}
            <div>
              <dt className="font-medium text-slate-500">{t("commitment")}</dt>
              <dd>
                <code className="break-all">{generalSale.commitment}</code>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("seed")}</dt>
              <dd>
                <code className="break-all">{generalSale.seed ?? t("afterGeneral")}</code>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("shuffled")}</dt>
              <dd>
                {generalSale.shuffledAt
                  ? formatDateTime(generalSale.shuffledAt, locale)
                  : generalSale.notRun
                    ? t("generalNotRun", {
                        at: formatDateTime(generalSale.notRun.closedAt, locale),
                      })
                    : t("notYet")}
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-500">{t("entrants")}</dt>
              <dd>{generalSale.entrants?.length ?? t("afterGeneral")}</dd>
            </div>
          </dl>
          {generalSale.lineOrder && generalSale.lineOrder.length > 0 ? (
            <details>
              <summary className="cursor-pointer font-medium">
                {t("generalLineAfter", { count: generalSale.lineOrder.length })}
              </summary>
              <ol className="mt-2 list-decimal pl-8 font-mono text-sm">
                {generalSale.lineOrder.slice(0, 1_000).map((pseudonym, index) => (
                  <li key={`${index}-${pseudonym}`}>{pseudonym}</li>
                ))}
              </ol>
            </details>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="report-heading" className="flex flex-col gap-2">
        <h2 id="report-heading" className="text-xl font-semibold">
          {t("figuresHeading")}
        </h2>
        {report ? (
          <SaleReportFigures report={report} />
        ) : (
          <p className="text-slate-700">{t("figuresLater")}</p>
        )}
      </section>

      <section aria-labelledby="yourself-heading" className="flex flex-col gap-2">
        <h2 id="yourself-heading" className="text-xl font-semibold">
          {t("yourselfHeading")}
        </h2>
        <p className="max-w-prose text-slate-700">
          {t.rich("yourself", {
            path: apiPath,
            link: (chunks) => (
              <a href={apiPath} className="font-medium underline">
                {chunks}
              </a>
            ),
          })}{" "}
          <code>
            npx ticketping-verify &lt;{t("siteArg")}&gt; {slug}
          </code>
        </p>
        {record.lineOrder && record.lineOrder.length > 0 ? (
          <details>
            <summary className="cursor-pointer font-medium">
              {t("lineAfter", { count: record.lineOrder.length })}
            </summary>
            <ol className="mt-2 list-decimal pl-8 font-mono text-sm">
              {record.lineOrder.slice(0, 1_000).map((pseudonym, index) => (
                <li key={`${index}-${pseudonym}`}>{pseudonym}</li>
              ))}
            </ol>
          </details>
        ) : null}
      </section>
    </article>
  );
}
