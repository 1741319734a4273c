import { getLocale, getTranslations } from "next-intl/server";
import { INTL_LOCALES } from "@ticketping/common/i18n";
import { formatDateTime } from "@/components/format";
import type { SaleReport } from "@/server/fairness/report-schemas";

/** A sale's fairness figures (docs/fairness.md, "The fairness report"), as a list. */
export async function SaleReportFigures({ report }: { report: SaleReport }) {
  const [locale, t, queue] = await Promise.all([
    getLocale(),
    getTranslations("fairness"),
    getTranslations("queue"),
  ]);
  const whole = new Intl.NumberFormat(INTL_LOCALES[locale]);
  const seconds = (value: number) =>
    t("seconds", { value: whole.format(Math.round(value * 10) / 10) });
  // The queue's refusal codes, named as the waiting room names them.
  const refusalName = (code: string) => {
    const key = `refusedTitle_${code}`;
    return queue.has(key as "refusedTitle_SOLD_OUT") ? queue(key as "refusedTitle_SOLD_OUT") : code;
  };
  const refusals = Object.entries(report.refusals);
  const rows: [string, string][] = [
    [t("opened"), report.openedAt ? formatDateTime(report.openedAt, locale) : t("notYet")],
    [t("entered"), whole.format(report.entrants)],
    [t("preQueued"), whole.format(report.preQueued)],
    ...(report.generalSale
      ? ([
          [t("generalOpened"), formatDateTime(report.generalSale.openedAt, locale)],
          [t("generalPreQueued"), whole.format(report.generalSale.preQueued)],
        ] satisfies [string, string][])
      : []),
    [t("admitted"), whole.format(report.admitted)],
    [
      t("outOfOrder"),
      report.outOfOrder.count === 0
        ? t("none")
        : t("outOfOrderValue", {
            count: whole.format(report.outOfOrder.count),
            places: whole.format(report.outOfOrder.largestInPlaces),
            seconds: seconds(report.outOfOrder.largestInSeconds),
          }),
    ],
    [
      t("turnedAway"),
      refusals.length === 0
        ? t("nobody")
        : refusals
            .map(([reason, count]) => `${refusalName(reason)} ${whole.format(count)}`)
            .join(", "),
    ],
    [
      t("proofOfWork"),
      t("proofOfWorkValue", {
        solved: whole.format(report.proofOfWork.solved),
        failed: whole.format(report.proofOfWork.failed),
      }),
    ],
    [
      t("workingSet"),
      report.workingSet.limit === null
        ? whole.format(report.workingSet.max)
        : t("workingSetOf", {
            max: whole.format(report.workingSet.max),
            limit: whole.format(report.workingSet.limit),
          }),
    ],
    [
      t("wait"),
      report.waitSeconds
        ? [
            report.waitSeconds.p50,
            report.waitSeconds.p90,
            report.waitSeconds.p99,
            report.waitSeconds.max,
          ]
            .map(seconds)
            .join(" · ")
        : t("nobodyAdmitted"),
    ],
    [
      t("soldOut"),
      report.soldOutAfterSeconds === null
        ? t("notSoldOut")
        : t("soldOutAfter", { seconds: seconds(report.soldOutAfterSeconds) }),
    ],
  ];
  return (
    <div className="flex flex-col gap-2" data-testid="sale-report">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt className="font-medium text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {report.recordComplete ? null : <p className="text-sm text-amber-800">{t("outgrew")}</p>}
    </div>
  );
}
