import { formatDateTime } from "@/components/format";
import type { SaleReport } from "@/server/fairness/report-schemas";

const whole = new Intl.NumberFormat("en");
const seconds = (value: number) => `${whole.format(Math.round(value * 10) / 10)} s`;

/** A sale's fairness figures (docs/fairness.md, "The fairness report"), as a list. */
export function SaleReportFigures({ report }: { report: SaleReport }) {
  const refusals = Object.entries(report.refusals);
  const rows: [string, string][] = [
    ["Opened", report.openedAt ? formatDateTime(report.openedAt) : "not yet"],
    ["Buyers who entered the line", whole.format(report.entrants)],
    ["Shuffled in from the pre-queue", whole.format(report.preQueued)],
    ["Admitted", whole.format(report.admitted)],
    [
      "Admitted out of order",
      report.outOfOrder.count === 0
        ? "none"
        : `${whole.format(report.outOfOrder.count)} (at worst ${whole.format(report.outOfOrder.largestInPlaces)} places, ${seconds(report.outOfOrder.largestInSeconds)})`,
    ],
    [
      "Turned away",
      refusals.length === 0
        ? "nobody"
        : refusals.map(([reason, count]) => `${reason} ${whole.format(count)}`).join(", "),
    ],
    [
      "Proof of work",
      `${whole.format(report.proofOfWork.solved)} solved, ${whole.format(report.proofOfWork.failed)} refused`,
    ],
    [
      "Most buyers choosing seats at once",
      `${whole.format(report.workingSet.max)}${report.workingSet.limit === null ? "" : ` of ${whole.format(report.workingSet.limit)} allowed`}`,
    ],
    [
      "Wait in line (median, 90th, 99th percentile, longest)",
      report.waitSeconds
        ? [
            report.waitSeconds.p50,
            report.waitSeconds.p90,
            report.waitSeconds.p99,
            report.waitSeconds.max,
          ]
            .map(seconds)
            .join(" · ")
        : "nobody admitted yet",
    ],
    [
      "Sold out",
      report.soldOutAfterSeconds === null
        ? "not sold out"
        : `${seconds(report.soldOutAfterSeconds)} after the opening`,
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
      {report.recordComplete ? null : (
        <p className="text-sm text-amber-800">
          This sale outgrew its record: the order and wait figures cover its first 500,000 entries
          only.
        </p>
      )}
    </div>
  );
}
