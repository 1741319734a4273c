import "server-only";
import { z } from "zod";
import { fetchAttendeeRows } from "./fetch-attendee-rows";
import { findSalesScope, type SalesScopeRef } from "./find-sales-scope";
import { cursorInstant, decodeCursor, encodeCursor } from "./keyset-cursor";
import type { AttendeesPage, AttendeesQuery } from "./schemas";
import { searchTermsOf } from "./search-terms";

const LIST = "attendees";
const seatNumber = z.int().min(1).max(100_000);
const attendeeKey = z.tuple([cursorInstant, z.uuid(), seatNumber, seatNumber, z.uuid()]);

/**
 * A page of a show's or a performance's attendees (one per ticket) in show and seat order,
 * with the cursor of the next; as stable across pages as the orders (see listOrders).
 */
export async function listAttendees({
  scope,
  query,
}: {
  scope: SalesScopeRef;
  query: AttendeesQuery;
}): Promise<AttendeesPage> {
  const after = query.cursor ? decodeCursor(query.cursor, LIST, attendeeKey) : undefined;
  const { scheduleIds } = await findSalesScope(scope);
  const rows = await fetchAttendeeRows(
    {
      scheduleIds,
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.checkedIn === undefined ? {} : { checkedIn: query.checkedIn }),
      ...(query.q ? { search: searchTermsOf(query.q) } : {}),
    },
    {
      ...(after
        ? {
            after: {
              startsAt: new Date(after[0]),
              scheduleId: after[1],
              row: after[2],
              column: after[3],
              ticketId: after[4],
            },
          }
        : {}),
      limit: query.limit + 1,
    },
  );
  const attendees = rows.slice(0, query.limit);
  const last = attendees.at(-1);
  return {
    attendees,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(LIST, [
            last.show.startsAt.toISOString(),
            last.show.scheduleId,
            last.seat.row,
            last.seat.column,
            last.ticketId,
          ])
        : null,
  };
}
