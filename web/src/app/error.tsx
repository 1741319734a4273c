"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";

/**
 * A page that failed on our side (a dependency away, a bug): the app's own look, a way to
 * try again and a way back. The reference lets support find the server's log line; nothing
 * of the error itself is shown.
 */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("pageError");
  return (
    <section
      aria-labelledby="page-error-heading"
      data-testid="page-error"
      className="mx-auto flex max-w-xl flex-col items-start gap-4 py-12"
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{t("label")}</p>
      <h1 id="page-error-heading" className="text-3xl font-bold tracking-tight">
        {t("heading")}
      </h1>
      <p className="text-slate-700">{t("text")}</p>
      {error.digest ? (
        <p className="text-sm text-slate-600">
          {t("reference")} <code>{error.digest}</code>
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          {t("tryAgain")}
        </button>
        <Link
          href="/performances"
          className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          {t("browse")}
        </Link>
      </div>
    </section>
  );
}
