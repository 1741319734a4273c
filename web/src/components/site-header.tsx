import Link from "next/link";
import type { SessionUser } from "@/server/auth/session";
import { SignOutButton } from "./sign-out-button";

const linkClass =
  "rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

export function SiteHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3"
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Link href="/performances" className="text-lg font-bold tracking-tight text-brand-600">
            Ticketping
          </Link>
          <Link href="/performances" className={linkClass}>
            Performances
          </Link>
          {user ? (
            <Link href="/my-tickets" className={linkClass}>
              My tickets
            </Link>
          ) : null}
          {user?.role === "ADMIN" ? (
            <Link href="/organizer" className={linkClass}>
              Organizer
            </Link>
          ) : null}
          {user?.role === "ADMIN" || user?.role === "STAFF" ? (
            <Link href="/door" className={linkClass}>
              Door
            </Link>
          ) : null}
        </div>
        <div className="flex items-center gap-2">
          {user ? (
            <>
              <span
                className="max-w-48 truncate text-sm text-slate-600"
                data-testid="signed-in-user"
              >
                {user.name ?? user.email}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className={linkClass}>
                Sign in
              </Link>
              <Link
                href="/signup"
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
