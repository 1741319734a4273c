import Link from "next/link";

/** Shown to signed-in users who lack the role; the APIs answer 403 FORBIDDEN alike. */
export function Forbidden({ what, forWhom = "organizers" }: { what: string; forWhom?: string }) {
  return (
    <section aria-labelledby="forbidden-heading" className="mx-auto max-w-md py-12 text-center">
      <p className="text-sm font-semibold text-brand-700">403 · Forbidden</p>
      <h1 id="forbidden-heading" className="mt-2 text-2xl font-bold tracking-tight">
        {`${what} is for ${forWhom} only`}
      </h1>
      <p className="mt-3 text-slate-600">
        Your account does not have the role it needs. If you think it should, ask the organizer.
      </p>
      <Link
        href="/performances"
        className="mt-6 inline-block font-semibold text-brand-700 hover:underline"
      >
        Back to performances
      </Link>
    </section>
  );
}
