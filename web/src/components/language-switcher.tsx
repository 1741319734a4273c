import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES, type Locale } from "@ticketping/common/i18n";

/** Each language by its own name, so a reader finds theirs whatever the page speaks. */
const NATIVE_NAMES: Record<Locale, string> = { en: "English", ko: "한국어" };

/**
 * A plain form of one button per language: it works before (or without) any script, and
 * the page comes back in the chosen language (app/language/route.ts remembers it).
 */
export async function LanguageSwitcher() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("header")]);
  return (
    <form method="post" action="/language" data-testid="language-switcher">
      <div role="group" aria-label={t("language")} className="flex items-center gap-1">
        {LOCALES.map((option) => (
          <button
            key={option}
            type="submit"
            name="locale"
            value={option}
            lang={option}
            aria-pressed={option === locale}
            className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 aria-pressed:bg-slate-100 aria-pressed:font-semibold aria-pressed:text-slate-900"
          >
            {NATIVE_NAMES[option]}
          </button>
        ))}
      </div>
    </form>
  );
}
