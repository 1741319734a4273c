import type { Metadata, Viewport } from "next";
import { getServerSession } from "next-auth";
import type { ReactNode } from "react";
import { resolvePaymentProvider } from "@ticketping/common/payments";
import { SimulatedPaymentsBanner } from "@/components/simulated-payments-banner";
import { SiteHeader } from "@/components/site-header";
import { env } from "@/env";
import { authOptions } from "@/server/auth/options";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ticketping", template: "%s · Ticketping" },
  description: "Concert tickets, fairly: a waiting room that keeps its place for you.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

const simulatedPaymentsInProduction =
  env.NODE_ENV === "production" &&
  resolvePaymentProvider({
    paymentProvider: env.PAYMENT_PROVIDER,
    stripeSecretKey: env.STRIPE_SECRET_KEY,
  }) === "SIMULATED";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Handing the session to the client provider spares every page a loading flash.
  const session = await getServerSession(authOptions);
  const user = session?.user.id
    ? {
        id: session.user.id,
        role: session.user.role,
        email: session.user.email ?? null,
        name: session.user.name ?? null,
      }
    : null;
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <Providers session={session}>
          {simulatedPaymentsInProduction && <SimulatedPaymentsBanner />}
          <SiteHeader user={user} />
          <main id="main" className="mx-auto max-w-6xl px-4 py-8">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
