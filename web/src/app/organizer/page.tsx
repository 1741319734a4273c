import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateTime } from "@/components/format";
import { buttonClass, secondaryButtonClass } from "@/components/form/field";
import { listAdminPerformances } from "@/server/admin/list-admin-performances";
import { listHalls } from "@/server/admin/list-halls";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.home"))("title") };
}

const statusStyles = {
  DRAFT: "bg-slate-200 text-slate-700",
  PUBLISHED: "bg-emerald-100 text-emerald-800",
  CLOSED: "bg-amber-100 text-amber-900",
} as const;

export default async function OrganizerPage() {
  await requireAdminPage("/organizer");
  const [performances, halls, locale, t, tOrganizer] = await Promise.all([
    listAdminPerformances(),
    listHalls(),
    getLocale(),
    getTranslations("organizer.home"),
    getTranslations("organizer"),
  ]);

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold tracking-tight">{t("heading")}</h1>
        <div className="flex gap-2">
          <Link href="/organizer/halls/new" className={secondaryButtonClass}>
            {t("newHall")}
          </Link>
          <Link href="/organizer/performances/new" className={buttonClass}>
            {t("newPerformance")}
          </Link>
        </div>
      </div>

      <section aria-labelledby="admin-performances-heading" className="flex flex-col gap-3">
        <h2 id="admin-performances-heading" className="text-xl font-semibold">
          {t("performances")}
        </h2>
        {performances.length === 0 ? (
          <p className="text-slate-600">{t("noPerformances")}</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    {t("colPerformance")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("colSale")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("colHall")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("colOpens")}
                  </th>
                  <th scope="col" className="px-4 py-2">
                    {t("colShows")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {performances.map((performance) => (
                  <tr key={performance.id} data-testid="admin-performance-row">
                    <td className="px-4 py-2">
                      <Link
                        href={`/organizer/performances/${performance.id}`}
                        className="font-semibold text-brand-700 hover:underline"
                      >
                        {performance.name}
                      </Link>
                      <span className="block text-xs text-slate-500">{performance.slug}</span>
                    </td>
                    <td className="px-4 py-2">
                      <span
                        className={`rounded-full px-2 py-0.5 text-xs font-semibold ${statusStyles[performance.saleStatus]}`}
                      >
                        {tOrganizer(`saleStatus_${performance.saleStatus}`)}
                      </span>
                    </td>
                    <td className="px-4 py-2">{performance.hallName}</td>
                    <td className="px-4 py-2">
                      {formatDateTime(performance.bookingOpensAt, locale)}
                    </td>
                    <td className="px-4 py-2 tabular-nums">{performance.scheduleCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="admin-halls-heading" className="flex flex-col gap-3">
        <h2 id="admin-halls-heading" className="text-xl font-semibold">
          {t("halls")}
        </h2>
        {halls.length === 0 ? (
          <p className="text-slate-600">{t("noHalls")}</p>
        ) : (
          <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {halls.map((hall) => (
              <li key={hall.id} className="rounded-xl border border-slate-200 bg-white p-4">
                <Link
                  href={`/organizer/halls/${hall.id}`}
                  className="font-semibold text-brand-700 hover:underline"
                >
                  {hall.name}
                </Link>
                <p className="text-sm text-slate-600">{hall.address}</p>
                <p className="text-xs text-slate-500">
                  {t("hallSize", {
                    rows: hall.rows,
                    columns: hall.columns,
                    count: hall.performanceCount,
                  })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
