import "server-only";
import type { Locale } from "@ticketping/common/i18n";
import { db } from "../db";

/** Remembers a signed-in buyer's language on the account, for the mail sent to them. */
export async function setUserLocale({
  userId,
  locale,
}: {
  userId: string;
  locale: Locale;
}): Promise<void> {
  await db().user.updateMany({ where: { id: userId }, data: { locale } });
}
