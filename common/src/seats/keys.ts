/**
 * Every Redis key of the booking core. Every builder takes the key prefix first, as the
 * queue's do (SEAT_KEY_PREFIX; `""` by default, which is the layout deployments before the
 * prefix existed use, so their live holds and cached maps stay where they are). All keys
 * of one schedule share the hash tag `{sch:<scheduleId>}`, so each Lua script touches a
 * single Redis Cluster slot. `P` below is the prefix.
 *
 * | key                                      | type   | holds                                                      |
 * | ---------------------------------------- | ------ | ---------------------------------------------------------- |
 * | `Pseatmap:{sch:<id>}:layout`             | hash   | `build` (id of this build), `json` (static layout)         |
 * | `Pseatmap:{sch:<id>}:status`             | hash   | seatId -> `H:<reservationId>` (held) / `S:<reservationId>` |
 * | `Pseatmap:{sch:<id>}:version`            | string | counter bumped on every change (the seat map's ETag)       |
 * | `Pseatmap:{sch:<id>}:build-lock`         | string | single-flight lock of a cold build (owner token, 10 s)     |
 * | `Phold:{sch:<id>}:<reservationId>`       | string | the buyer's user id; expires when the hold lapses          |
 * | `Phold-seats:{sch:<id>}:<reservationId>` | set    | the hold's seat ids (outlives the hold by a day)           |
 * | `Phold-buyer:{sch:<id>}:<userId>`        | set    | the buyer's reservation ids with a live hold key           |
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

export function scheduleKeys(keyPrefix: string, scheduleId: string): ScheduleKeys {
  const tag = `{sch:${scheduleId}}`;
  const holdPrefix = `${keyPrefix}hold:${tag}:`;
  return {
    layout: `${keyPrefix}seatmap:${tag}:layout`,
    status: `${keyPrefix}seatmap:${tag}:status`,
    version: `${keyPrefix}seatmap:${tag}:version`,
    buildLock: `${keyPrefix}seatmap:${tag}:build-lock`,
    holdPrefix,
    hold: (reservationId) => `${holdPrefix}${reservationId}`,
    holdSeats: (reservationId) => `${keyPrefix}hold-seats:${tag}:${reservationId}`,
    buyer: (userId) => `${keyPrefix}hold-buyer:${tag}:${userId}`,
  };
}

const holdKeyPattern = /^hold:\{sch:([0-9a-f-]{36})\}:([0-9a-f-]{36})$/;

/**
 * The schedule and reservation of a `hold:` key under `keyPrefix`, or null for any other
 * key (another prefix's holds included).
 */
export function parseHoldKey(
  keyPrefix: string,
  key: string,
): { scheduleId: string; reservationId: string } | null {
  if (!key.startsWith(keyPrefix)) return null;
  const match = holdKeyPattern.exec(key.slice(keyPrefix.length));
  if (!match?.[1] || !match[2]) return null;
  return { scheduleId: match[1], reservationId: match[2] };
}
