import type { Locale } from "@ticketping/common/i18n";
import type en from "../../messages/en.json";

export type Messages = typeof en;

/** One catalogue per language, loaded only for the language a request speaks. */
export const loadMessages: Record<Locale, () => Promise<Messages>> = {
  en: () => import("../../messages/en.json").then((module) => module.default),
  ko: () => import("../../messages/ko.json").then((module) => module.default),
};
