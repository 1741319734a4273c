/**
 * Every Redis key of the booking core. All keys of one schedule share the hash tag
 * `{sch:<scheduleId>}`, so each Lua script touches a single Redis Cluster slot.
 *
 * | key                                   | type   | holds                                                      |
 * | ------------------------------------- | ------ | ---------------------------------------------------------- |
 * | `seatmap:{sch:<id>}:layout`           | hash   | `build` (id of this build), `json` (static layout)         |
 * | `seatmap:{sch:<id>}:status`           | hash   | seatId -> `H:<reservationId>` (held) / `S:<reservationId>` |
 * | `seatmap:{sch:<id>}:version`          | string | counter bumped on every change (the seat map's ETag)       |
 * | `seatmap:{sch:<id>}:build-lock`       | string | single-flight lock of a cold build (owner token, 10 s)     |
 * | `hold:{sch:<id>}:<reservationId>`     | string | the buyer's user id; expires when the hold lapses          |
 * | `hold-seats:{sch:<id>}:<reservationId>` | set  | the hold's seat ids (outlives the hold by a day)           |
 * | `hold-buyer:{sch:<id>}:<userId>`      | set    | the buyer's reservation ids with a live hold key           |
 *
 * Seats absent from `status` are available. Only `hold:` keys carry the hold's TTL, so
 * an expiry notification (`__keyevent@<db>__:expired`) names exactly one lapsed hold:
 * `parseHoldKey` turns the key back into its schedule and reservation.
 */
export interface ScheduleKeys {
  layout: string;
  status: string;
  version: string;
  buildLock: string;
  /** Prefix of `hold:` keys; a script appends a reservation id to check a buyer's holds. */
  holdPrefix: string;
  hold: (reservationId: string) => string;
  holdSeats: (reservationId: string) => string;
  buyer: (userId: string) => string;
}

export function scheduleKeys(scheduleId: string): ScheduleKeys {
  const tag = `{sch:${scheduleId}}`;
  const holdPrefix = `hold:${tag}:`;
  return {
    layout: `seatmap:${tag}:layout`,
    status: `seatmap:${tag}:status`,
    version: `seatmap:${tag}:version`,
    buildLock: `seatmap:${tag}:build-lock`,
    holdPrefix,
    hold: (reservationId) => `${holdPrefix}${reservationId}`,
    holdSeats: (reservationId) => `hold-seats:${tag}:${reservationId}`,
    buyer: (userId) => `hold-buyer:${tag}:${userId}`,
  };
}

const holdKeyPattern = /^hold:\{sch:([0-9a-f-]{36})\}:([0-9a-f-]{36})$/;

/** The schedule and reservation of a `hold:` key, or null for any other key. */
export function parseHoldKey(key: string): { scheduleId: string; reservationId: string } | null {
  const match = holdKeyPattern.exec(key);
  if (!match?.[1] || !match[2]) return null;
  return { scheduleId: match[1], reservationId: match[2] };
}
