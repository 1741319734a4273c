import path from "node:path";
import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { API_CONTENT_SECURITY_POLICY } from "./src/server/http/content-security-policy";

/** On every answer, page or API. Pages get their nonce policy from the proxy. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // frame-ancestors 'none' in the CSP says the same to browsers that read CSP.
  { key: "X-Frame-Options", value: "DENY" },
  // Production builds only (`next dev` is plain http on localhost); ignored over http.
  ...(process.env.NODE_ENV === "production"
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; tracing from the repo root picks up
  // the workspace packages it imports.
  output: "standalone",
  outputFileTracingRoot: path.join(import.meta.dirname, ".."),
  // The ticket PDF's font files, read at run time (common/src/tickets/ticket-fonts.ts):
  // tracing cannot see a file that is read rather than imported.
  outputFileTracingIncludes: {
    "/api/reservations/**": [
      "../node_modules/pretendard/package.json",
      "../node_modules/pretendard/dist/public/static/alternative/Pretendard-{Regular,Bold}.ttf",
    ],
  },
  transpilePackages: ["@ticketping/common", "@ticketping/db", "@ticketping/verify"],
  serverExternalPackages: ["pg", "ioredis", "kafkajs", "pino", "bcryptjs"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: true,
  // forbidden(): the organizer console answers buyers with a real 403.
  experimental: { authInterrupts: true },
  headers() {
    return Promise.resolve([
      { source: "/:path*", headers: securityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
    ]);
  },
};

// Messages and the request's language for Server Components (src/i18n/request.ts).
const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

export default withNextIntl(nextConfig);
