import "server-only";
import { AppError } from "@ticketping/common/errors";
import { readSeatMap } from "@ticketping/common/seats";
import { env } from "@/env";
import { getRedis } from "../redis";
import { buildSeatMapOnce } from "./build-seat-map-once";
import { recallLayout, rememberLayout, type RememberedLayout } from "./layout-memo";

export type SeatMapResult =
  | { kind: "unchanged"; version: string }
  | { kind: "map"; version: string; layout: RememberedLayout; status: string };

/** A cold map waits this long for a build (its own or another process's). */
const BUILD_DEADLINE_MS = 5_000;

/**
 * The seat map of a schedule from Redis: one script call in steady state, nothing but a
 * version compare when the caller's copy is current. A missing map is built from
 * PostgreSQL once (buildSeatMapOnce) while every other reader waits for it.
 */
export async function getSeatMap({
  scheduleId,
  knownVersion = "",
}: {
  scheduleId: string;
  knownVersion?: string;
}): Promise<SeatMapResult> {
  const redis = getRedis();
  const deadline = Date.now() + BUILD_DEADLINE_MS;
  let trustMemo = true;
  for (;;) {
    const memo = trustMemo ? recallLayout(scheduleId) : undefined;
    const read = await readSeatMap(redis, {
      keyPrefix: env.SEAT_KEY_PREFIX,
      scheduleId,
      knownVersion,
      knownBuild: memo?.build ?? "",
    });
    switch (read.kind) {
      case "unchanged":
        return read;
      case "no-such-schedule":
        throw new AppError("NOT_FOUND", `no schedule ${scheduleId}`);
      case "map": {
        const layout =
          read.layoutJson === null ? memo : rememberLayout(scheduleId, read.build, read.layoutJson);
        if (!layout || layout.build !== read.build) {
          // The memo lost this build in the meantime: ask for the layout itself.
          trustMemo = false;
          continue;
        }
        return {
          kind: "map",
          version: read.version,
          layout,
          status: statusCodes(layout, read.taken),
        };
      }
      case "missing":
        if (Date.now() > deadline) {
          throw new AppError(
            "SERVICE_UNAVAILABLE",
            `seat map of ${scheduleId} was not built in time`,
          );
        }
        await buildSeatMapOnce({ scheduleId });
    }
  }
}

function statusCodes(layout: RememberedLayout, taken: Map<string, string>): string {
  const codes = new Array<string>(layout.layout.seats.length).fill("A");
  for (const [seatId, value] of taken) {
    const index = layout.indexById.get(seatId);
    if (index !== undefined) codes[index] = value.startsWith("S:") ? "S" : "H";
  }
  return codes.join("");
}
