import type { Metadata } from "next";
import Link from "next/link";
import { PerformanceForm } from "@/components/organizer/performance-form";
import { listHalls } from "@/server/admin/list-halls";
import { suggestBookingWindow } from "@/server/admin/suggest-booking-window";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export const metadata: Metadata = { title: "New performance" };

export default async function NewPerformancePage() {
  await requireAdminPage("/organizer/performances/new");
  const halls = await listHalls();
  // Defaults come from the server, so the form's first render matches the HTML.
  const bookingWindow = suggestBookingWindow();

  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        ← Organizer console
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">New performance</h1>
      {halls.length === 0 ? (
        <p className="text-slate-700">
          Create a hall first:{" "}
          <Link
            href="/organizer/halls/new"
            className="font-semibold text-brand-700 hover:underline"
          >
            new hall
          </Link>
          .
        </p>
      ) : (
        <PerformanceForm
          halls={halls}
          initial={{
            name: "",
            slug: "",
            description: "",
            posterUrl: null,
            runtimeMinutes: 120,
            ageRating: "ALL",
            bookingOpensAt: bookingWindow.opensAt.toISOString(),
            bookingClosesAt: bookingWindow.closesAt.toISOString(),
            maxSeatsPerReservation: 4,
            hallId: halls[0]?.id ?? "",
          }}
        />
      )}
    </>
  );
}
