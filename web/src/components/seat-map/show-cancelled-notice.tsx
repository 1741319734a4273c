import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * What the booking page shows of a cancelled show instead of its seat map: its seats read
 * as free in the table, but none can be held, so a map of them would only mislead.
 */
export function ShowCancelledNotice({ performanceSlug }: { performanceSlug: string }) {
  const t = useTranslations("booking");
  return (
    <section
      role="alert"
      aria-labelledby="show-cancelled-heading"
      data-testid="show-cancelled-notice"
      className="flex flex-col gap-2 rounded-xl border border-red-200 bg-red-50 p-6 text-red-950"
    >
      <h2 id="show-cancelled-heading" className="text-lg font-semibold">
        {t("cancelledTitle")}
      </h2>
      <p>{t("cancelledText")}</p>
      <Link
        href={`/performances/${performanceSlug}`}
        className="font-medium underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700"
      >
        {t("cancelledBack")}
      </Link>
    </section>
  );
}
