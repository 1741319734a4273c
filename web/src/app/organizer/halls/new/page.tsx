import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { timeZoneNames } from "@ticketping/common/format";
import { HallForm } from "@/components/organizer/hall-form";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.hall"))("newTitle") };
}

export default async function NewHallPage() {
  await requireAdminPage("/organizer/halls/new");
  const t = await getTranslations("organizer");
  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{t("hall.newTitle")}</h1>
      <HallForm timeZones={timeZoneNames()} />
    </>
  );
}
