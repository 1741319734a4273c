import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { timeZoneNames } from "@ticketping/common/format";
import { HallForm } from "@/components/organizer/hall-form";
import { HallPlanEditor } from "@/components/organizer/hall-plan-editor";
import { getHall } from "@/server/admin/get-hall";
import { getHallPlan } from "@/server/hall-plan/get-hall-plan";
import { idParamsSchema } from "@/server/admin/schemas";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.hall"))("editTitle") };
}

export default async function EditHallPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  await requireAdminPage(`/organizer/halls/${parsed.success ? parsed.data.id : ""}`);
  if (!parsed.success) notFound();
  const [hall, planned, t] = await Promise.all([
    getHall({ id: parsed.data.id }),
    getHallPlan({ id: parsed.data.id }),
    getTranslations("organizer"),
  ]);
  if (!hall || !planned) notFound();
  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{hall.name}</h1>
      <p className="text-sm text-slate-600">{t("hall.usedBy", { count: hall.performanceCount })}</p>
      <HallForm hall={hall} timeZones={timeZoneNames(hall.timeZone)} />
      <HallPlanEditor hall={planned} plan={planned.plan} />
    </>
  );
}
