import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Shown to signed-in users who lack the role; the APIs answer 403 FORBIDDEN alike. */
export async function Forbidden({ area }: { area: "organizer" | "door" }) {
  const t = await getTranslations("forbidden");
  return (
    <section aria-labelledby="forbidden-heading" className="mx-auto max-w-md py-12 text-center">
      <p className="text-sm font-semibold text-brand-700">{t("label")}</p>
      <h1 id="forbidden-heading" className="mt-2 text-2xl font-bold tracking-tight">
        {t(area === "door" ? "doorHeading" : "organizerHeading")}
      </h1>
      <p className="mt-3 text-slate-600">{t("text")}</p>
      <Link
        href="/performances"
        className="mt-6 inline-block font-semibold text-brand-700 hover:underline"
      >
        {t("back")}
      </Link>
    </section>
  );
}
