import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notFound"))("title") };
}

/** Every unknown page and every notFound(): the app's own look, and ways back. */
export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <section
      aria-labelledby="not-found-heading"
      data-testid="not-found"
      className="mx-auto flex max-w-xl flex-col items-start gap-4 py-12"
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("label")}</p>
      <h1 id="not-found-heading" className="text-3xl font-bold tracking-tight">
        {t("heading")}
      </h1>
      <p className="text-slate-700">{t("text")}</p>
      <div className="flex flex-wrap gap-3">
        <Link
          href="/performances"
          className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          {t("browse")}
        </Link>
        <Link
          href="/my-tickets"
          className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          {t("myTickets")}
        </Link>
      </div>
    </section>
  );
}
