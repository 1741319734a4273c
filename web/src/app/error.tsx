"use client";

import Link from "next/link";

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
  return (
    <section
      aria-labelledby="page-error-heading"
      data-testid="page-error"
      className="mx-auto flex max-w-xl flex-col items-start gap-4 py-12"
    >
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Error</p>
      <h1 id="page-error-heading" className="text-3xl font-bold tracking-tight">
        Something went wrong on our side
      </h1>
      <p className="text-slate-700">
        This page could not be shown just now. Nothing you did caused it, and nothing was lost: a
        place in a waiting room or a hold on seats stays yours. Please try again in a moment.
      </p>
      {error.digest ? (
        <p className="text-sm text-slate-600">
          Reference: <code>{error.digest}</code>
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          onClick={reset}
          className="inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          Try again
        </button>
        <Link
          href="/performances"
          className="inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
        >
          Browse performances
        </Link>
      </div>
    </section>
  );
}
