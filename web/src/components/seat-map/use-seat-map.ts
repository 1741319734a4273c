"use client";

import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import type { SeatMapResponse, SeatMapView } from "@/server/seat-map/types";
import { ApiError } from "../api-client";

/** Often enough that a seat taken by someone else greys out while the buyer looks. */
const POLL_MS = 2_000;

/**
 * The live seat map. Polls with If-None-Match, so an unchanged map costs a 304 with no
 * body; the server bumps the version on every hold, release, sale and expiry.
 */
export function useSeatMap(scheduleId: string) {
  const latest = useRef<SeatMapView | null>(null);
  return useQuery({
    queryKey: ["seat-map", scheduleId],
    refetchInterval: POLL_MS,
    // A hidden tab stops polling; react-query refetches as soon as it is shown again.
    refetchIntervalInBackground: false,
    queryFn: async ({ signal }) => {
      const response = await fetch(`/api/schedules/${scheduleId}/seat-map`, {
        headers: latest.current
          ? {
              "if-none-match": `"${latest.current.version}"`,
              "x-seat-map-build": latest.current.build,
            }
          : {},
        cache: "no-store",
        signal,
      });
      if (response.status === 304 && latest.current) return latest.current;
      const body = (await response.json().catch(() => ({}))) as {
        data?: SeatMapResponse;
        error?: { code?: string; message?: string; details?: Record<string, unknown> };
      };
      if (!response.ok || !body.data) {
        throw new ApiError(
          response.status,
          body.error?.code ?? "INTERNAL",
          body.error?.message ?? "The seat map could not be loaded.",
          body.error?.details,
        );
      }
      const layout = body.data.layout ?? latest.current?.layout;
      if (!layout) throw new ApiError(500, "INTERNAL", "The seat map came without its layout.", {});
      latest.current = { ...body.data, layout };
      return latest.current;
    },
  });
}
