import path from "node:path";
import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The Docker image runs the standalone server; tracing from the repo root picks up
  // the workspace packages it imports.
  output: "standalone",
  outputFileTracingRoot: path.join(import.meta.dirname, ".."),
  transpilePackages: ["@ticketping/common", "@ticketping/db"],
  serverExternalPackages: ["pg", "ioredis", "kafkajs", "pino", "bcryptjs"],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: true,
  // forbidden(): the organizer console answers buyers with a real 403.
  experimental: { authInterrupts: true },
};

export default nextConfig;
