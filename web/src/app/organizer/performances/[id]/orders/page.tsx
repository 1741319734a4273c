import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppError } from "@ticketping/common/errors";
import { SalesLists } from "@/components/organizer/sales-lists";
import type { AdminPerformance } from "@/server/admin/answers";
import { getAdminPerformance } from "@/server/admin/get-admin-performance";
import { idParamsSchema } from "@/server/admin/schemas";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.orders"))("title") };
}

async function load(id: string): Promise<AdminPerformance> {
  try {
    return await getAdminPerformance({ id });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Every show's orders and attendees of one performance: search, pages, CSV. */
export default async function PerformanceOrdersPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const parsed = idParamsSchema.safeParse(await params);
  await requireAdminPage(`/organizer/performances/${parsed.success ? parsed.data.id : ""}/orders`);
  if (!parsed.success) notFound();
  const [performance, t] = await Promise.all([
    load(parsed.data.id),
    getTranslations("organizer.orders"),
  ]);
  return (
    <>
      <div className="flex flex-col gap-1">
        <Link
          href={`/organizer/performances/${performance.id}`}
          className="text-sm text-brand-700 hover:underline"
        >
          ← {performance.name}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("everyShow", { name: performance.name })}</p>
      </div>
      <section className="flex flex-col gap-3 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <SalesLists scope="performances" id={performance.id} showTimes />
      </section>
    </>
  );
}
