import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { resolvePaymentProvider } from "@ticketping/common/payments";
import { isDatabaseUnavailable } from "@ticketping/db";
import { VerifyEmailNotice } from "@/components/auth/verify-email-notice";
import { SimulatedPaymentsBanner } from "@/components/simulated-payments-banner";
import { SiteHeader } from "@/components/site-header";
import { env } from "@/env";
import { pickClientMessages } from "@/i18n/client-messages";
import { getSession } from "@/server/auth/session";
import { Providers } from "./providers";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("layout");
  return {
    title: { default: "Ticketping", template: "%s · Ticketping" },
    description: t("description"),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const simulatedPaymentsInProduction =
  env.NODE_ENV === "production" &&
  resolvePaymentProvider({
    paymentProvider: env.PAYMENT_PROVIDER,
    stripeSecretKey: env.STRIPE_SECRET_KEY,
  }) === "SIMULATED";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Handing the session to the client provider spares every page a loading flash.
  // While PostgreSQL is away the header shows no one; the page's own gate answers for it.
  const session = await getSession().catch((error: unknown) => {
    if (isDatabaseUnavailable(error)) return null;
    throw error;
  });
  const user = session?.user ?? null;
  const [locale, t, messages] = await Promise.all([
    getLocale(),
    getTranslations("layout"),
    getMessages(),
  ]);
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          {t("skipToContent")}
        </a>
        {/* Client Components get the request's language and messages from here. */}
        <NextIntlClientProvider messages={pickClientMessages(messages)}>
          <Providers session={session}>
            {simulatedPaymentsInProduction && <SimulatedPaymentsBanner />}
            <SiteHeader user={user} />
            {user && !user.emailVerified ? <VerifyEmailNotice email={user.email} /> : null}
            <main id="main" className="mx-auto max-w-6xl px-4 py-8">
              {children}
            </main>
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
