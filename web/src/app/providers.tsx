"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Session } from "next-auth";
import { SessionProvider } from "next-auth/react";
import { useState, type ReactNode } from "react";
import { ApiError } from "@/components/api-client";

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx answer (not signed in, forbidden, not found) will not change on retry.
        retry: (failures, error) =>
          failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
}

/** Client-side context for the whole app: the session and react-query's cache. */
export function Providers({ session, children }: { session: Session | null; children: ReactNode }) {
  // One client per browser tab, created once (a module-level one would be shared
  // between users during server rendering).
  const [queryClient] = useState(createQueryClient);
  return (
    <SessionProvider session={session}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}
