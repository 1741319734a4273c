import type { Metadata } from "next";
import Link from "next/link";
import { HallForm } from "@/components/organizer/hall-form";
import { denyNonAdmin } from "@/components/organizer/deny-non-admin";

export const metadata: Metadata = { title: "New hall" };

export default async function NewHallPage() {
  const denied = await denyNonAdmin("/organizer/halls/new");
  if (denied) return denied;
  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        ← Organizer console
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">New hall</h1>
      <HallForm />
    </>
  );
}
