import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/env";
import { pageContentSecurityPolicy } from "./content-security-policy";

// Mirrors resolvePaymentProvider without importing the payment providers (and Stripe's
// SDK) into the proxy; in production env.ts has already refused anything ambiguous.
const stripeTakesPayments = env.PAYMENT_PROVIDER
  ? env.PAYMENT_PROVIDER === "stripe"
  : Boolean(env.STRIPE_SECRET_KEY);

/**
 * Passes a page request on with a fresh nonce in its Content-Security-Policy. Next.js
 * reads the nonce from the request's header and puts it on the scripts it renders; the
 * browser gets the same policy on the response.
 */
export function withPagePolicy(request: NextRequest): NextResponse {
  const policy = pageContentSecurityPolicy({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    queuePublicUrl: env.QUEUE_PUBLIC_URL,
    stripe: stripeTakesPayments,
    development: env.NODE_ENV === "development",
    https: env.NEXTAUTH_URL.startsWith("https://"),
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}
