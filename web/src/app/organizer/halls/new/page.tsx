import type { Metadata } from "next";
import Link from "next/link";
import { timeZoneNames } from "@ticketping/common/format";
import { HallForm } from "@/components/organizer/hall-form";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export const metadata: Metadata = { title: "New hall" };

export default async function NewHallPage() {
  await requireAdminPage("/organizer/halls/new");
  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        ← Organizer console
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">New hall</h1>
      <HallForm timeZones={timeZoneNames()} />
    </>
  );
}
