import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/server/auth/session";
import { LanguageSwitcher } from "./language-switcher";
import { SignOutButton } from "./sign-out-button";

const linkClass =
  "rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500";

export async function SiteHeader({ user }: { user: SessionUser | null }) {
  const t = await getTranslations("header");
  return (
    <header className="border-b border-slate-200 bg-white">
      <nav
        aria-label={t("nav")}
        className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3"
      >
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <Link href="/performances" className="text-lg font-bold tracking-tight text-brand-600">
            Ticketping
          </Link>
          <Link href="/performances" className={linkClass}>
            {t("performances")}
          </Link>
          {user ? (
            <Link href="/my-tickets" className={linkClass}>
              {t("myTickets")}
            </Link>
          ) : null}
          {user?.role === "ADMIN" ? (
            <Link href="/organizer" className={linkClass}>
              {t("organizer")}
            </Link>
          ) : null}
          {user?.role === "ADMIN" || user?.role === "STAFF" ? (
            <Link href="/door" className={linkClass}>
              {t("door")}
            </Link>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <LanguageSwitcher />
          {user ? (
            <>
              <span
                className="max-w-32 truncate text-sm text-slate-600 sm:max-w-48"
                data-testid="signed-in-user"
              >
                {user.name ?? user.email}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className={linkClass}>
                {t("signIn")}
              </Link>
              <Link
                href="/signup"
                className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 focus-visible:ring-offset-2"
              >
                {t("signUp")}
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
