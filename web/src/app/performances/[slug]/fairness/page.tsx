import type { Metadata, Route } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AppError } from "@ticketping/common/errors";
import { checkSale } from "@ticketping/verify";
import { formatDateTime } from "@/components/format";
import { SaleReportFigures } from "@/components/fairness/sale-report-figures";
import { getPublicSaleReport } from "@/server/fairness/get-public-sale-report";
import { getSaleFairness } from "@/server/fairness/get-sale-fairness";
import type { SaleReport } from "@/server/fairness/report-schemas";
import type { SaleFairness } from "@/server/fairness/schemas";
import { slugSchema } from "@/server/performances/slug";

export const metadata: Metadata = { title: "Verify this sale" };

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
  const verdict = checkSale({ ...record, shuffledAt: record.shuffledAt?.toISOString() ?? null });
  const apiPath = `/api/performances/${slug}/fairness`;

  return (
    <article className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <header className="flex flex-col gap-1">
        <Link
          href={`/performances/${slug}` as Route}
          className="text-sm font-medium text-slate-600 hover:text-slate-900"
        >
          ← Back to the performance
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">Verify this sale</h1>
        <p className="max-w-prose text-slate-700">
          Buyers who join before the sale opens are shuffled into one line when it opens. The
          shuffle&apos;s seed was fixed, and its SHA-256 published, before anyone could join.
        </p>
      </header>

      <section
        aria-labelledby="verdict-heading"
        data-testid="fairness-verdict"
        data-outcome={verdict.outcome}
        className="rounded border border-slate-300 p-4"
      >
        <h2 id="verdict-heading" className="text-xl font-semibold">
          {verdict.outcome === "matches"
            ? "Matches"
            : verdict.outcome === "not-yet-revealed"
              ? "Not revealed yet"
              : "Does not match"}
        </h2>
        <p className="text-slate-700">
          {verdict.outcome === "matches"
            ? `The seed hashes to the commitment, and shuffling the ${verdict.entrants} entrants with it gives exactly the published line.`
            : verdict.outcome === "not-yet-revealed"
              ? "The sale has not opened yet. Note the commitment below: after the opening, the seed must hash to it."
              : verdict.reasons.join(" ")}
        </p>
      </section>

      <section aria-labelledby="record-heading" className="flex flex-col gap-2">
        <h2 id="record-heading" className="text-xl font-semibold">
          The record
        </h2>
        <dl className="grid grid-cols-1 gap-y-2 text-sm">
          <div>
            <dt className="font-medium text-slate-500">Algorithm</dt>
            <dd>{record.algorithm}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">Commitment (SHA-256 of the seed)</dt>
            <dd>
              <code className="break-all">{record.commitment}</code>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">Seed</dt>
            <dd>
              <code className="break-all">{record.seed ?? "published after the opening"}</code>
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">Shuffled</dt>
            <dd>{record.shuffledAt ? formatDateTime(record.shuffledAt) : "not yet"}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-500">Pre-queue entrants</dt>
            <dd>{record.entrants?.length ?? "published after the opening"}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="report-heading" className="flex flex-col gap-2">
        <h2 id="report-heading" className="text-xl font-semibold">
          The sale in figures
        </h2>
        {report ? (
          <SaleReportFigures report={report} />
        ) : (
          <p className="text-slate-700">
            Published when the sale closes: who entered the line, who was admitted and in what
            order, who was turned away and why, and how long the wait was.
          </p>
        )}
      </section>

      <section aria-labelledby="yourself-heading" className="flex flex-col gap-2">
        <h2 id="yourself-heading" className="text-xl font-semibold">
          Check it yourself
        </h2>
        <p className="max-w-prose text-slate-700">
          The whole record is at{" "}
          <a href={apiPath} className="font-medium underline">
            {apiPath}
          </a>
          . Your own id in it is shown in the waiting room. To recompute the line on your own
          machine: <code>npx ticketping-verify &lt;this site&gt; {slug}</code>.
        </p>
        {record.lineOrder && record.lineOrder.length > 0 ? (
          <details>
            <summary className="cursor-pointer font-medium">
              The line after the shuffle ({record.lineOrder.length})
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
