import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AppError } from "@ticketping/common/errors";
import { env } from "@/env";
import { getSessionUser } from "@/server/auth/session";
import { getCheckout } from "@/server/payments/get-checkout";
import { CheckoutPanel } from "./checkout-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("checkout"))("title") };
}

export default async function CheckoutPage({
  params,
  searchParams,
}: {
  params: Promise<{ reservationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const { reservationId } = await params;
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/checkout/${reservationId}`)}`);
  if (!z.uuid().safeParse(reservationId).success) notFound();
  const checkout = await getCheckout({ userId: user.id, reservationId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const query = await searchParams;

  return (
    <CheckoutPanel
      initial={checkout}
      returnedFromPayment={query.paid === "1"}
      declined={query.declined === "1"}
      stripePublishableKey={env.STRIPE_PUBLISHABLE_KEY ?? null}
    />
  );
}
