import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { HallForm } from "@/components/organizer/hall-form";
import { denyNonAdmin } from "@/components/organizer/deny-non-admin";
import { getHall } from "@/server/admin/get-hall";
import { idParamsSchema } from "@/server/admin/schemas";

export const metadata: Metadata = { title: "Edit hall" };

export default async function EditHallPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  const denied = await denyNonAdmin(`/organizer/halls/${parsed.success ? parsed.data.id : ""}`);
  if (denied) return denied;
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
      <HallForm hall={hall} />
    </>
  );
}
