import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { pickClientMessages } from "@/i18n/client-messages";
import type { Messages } from "@/i18n/messages";

/**
 * Hands one area's own namespaces (the organizer console's, the door's) to its Client
 * Components, beside the shared ones the root layout gives every page: buyers' pages never
 * carry the console's words.
 */
export async function AreaMessages({
  namespaces,
  children,
}: {
  namespaces: readonly (keyof Messages)[];
  children: ReactNode;
}) {
  const messages = await getMessages();
  return (
    <NextIntlClientProvider messages={pickClientMessages(messages, namespaces)}>
      {children}
    </NextIntlClientProvider>
  );
}
