import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PerformanceForm } from "@/components/organizer/performance-form";
import { listHalls } from "@/server/admin/list-halls";
import { defaultCurrency } from "@/server/admin/limits";
import { suggestBookingWindow } from "@/server/admin/suggest-booking-window";
import { requireAdminPage } from "@/server/admin/require-admin-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organizer.newPerformance"))("title") };
}

export default async function NewPerformancePage() {
  await requireAdminPage("/organizer/performances/new");
  const [halls, t] = await Promise.all([listHalls(), getTranslations("organizer")]);
  // Defaults come from the server, so the form's first render matches the HTML.
  const bookingWindow = suggestBookingWindow();

  return (
    <>
      <Link href="/organizer" className="text-sm text-brand-700 hover:underline">
        {t("back")}
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">{t("newPerformance.title")}</h1>
      {halls.length === 0 ? (
        <p className="text-slate-700">
          {t.rich("newPerformance.hallFirst", {
            link: (chunks) => (
              <Link
                href="/organizer/halls/new"
                className="font-semibold text-brand-700 hover:underline"
              >
                {chunks}
              </Link>
            ),
          })}
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
            currency: defaultCurrency,
            currencyLocked: false,
          }}
        />
      )}
    </>
  );
}
