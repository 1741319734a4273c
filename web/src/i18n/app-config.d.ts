import type { Locale } from "@ticketping/common/i18n";
import type { Messages } from "./messages";

// Message keys and locales are checked by the compiler: a key missing from en.json is a
// type error (messages.test.ts keeps ko.json's keys the same as en.json's).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
