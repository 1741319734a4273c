import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { timeZoneNames } from "@ticketping/common/format";
import { HallForm } from "@/components/organizer/hall-form";
import { getHall } from "@/server/admin/get-hall";
import { idParamsSchema } from "@/server/admin/schemas";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export const metadata: Metadata = { title: "Edit hall" };

export default async function EditHallPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  await requireAdminPage(`/organizer/halls/${parsed.success ? parsed.data.id : ""}`);
  if (!parsed.success) notFound();
  const hall = await getHall({ id: parsed.data.id });
  if (!hall) notFound();
  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        ← Organizer console
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{hall.name}</h1>
      <p className="text-sm text-slate-600">
        Used by {hall.performanceCount} performances. Its size is fixed once a show time exists.
      </p>
      <HallForm hall={hall} timeZones={timeZoneNames(hall.timeZone)} />
    </>
  );
}
