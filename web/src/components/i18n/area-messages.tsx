import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { Role } from "@ticketping/db/browser";
import { isDatabaseUnavailable } from "@ticketping/db";
import { pickClientMessages } from "@/i18n/client-messages";
import type { Messages } from "@/i18n/messages";
import { getSessionUser } from "@/server/auth/session";

/**
 * Hands one area's own namespaces (the organizer console's, the door's) to its Client
 * Components, beside the shared ones the root layout gives every page: buyers' pages never
 * carry the console's words, nor does the 403 page a buyer gets there (only `roles` do).
 */
export async function AreaMessages({
  namespaces,
  roles,
  children,
}: {
  namespaces: readonly (keyof Messages)[];
  roles: readonly Role[];
  children: ReactNode;
}) {
  const [messages, user] = await Promise.all([
    getMessages(),
    // While PostgreSQL is away the page's own gate answers; nobody gets the area's words.
    getSessionUser().catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) return null;
      throw error;
    }),
  ]);
  const allowed = user !== null && roles.includes(user.role);
  return (
    <NextIntlClientProvider messages={pickClientMessages(messages, allowed ? namespaces : [])}>
      {children}
    </NextIntlClientProvider>
  );
}
