import "server-only";
import { plainAmount } from "@ticketping/common/format";
import { EXPORT_BATCH_ROWS } from "./export-orders-csv";
import { fetchAttendeeRows } from "./fetch-attendee-rows";
import { findSalesScope, type SalesScopeRef } from "./find-sales-scope";
import type { AdminAttendee, AttendeesExportQuery } from "./schemas";
import { searchTermsOf } from "./search-terms";
import { streamCsv } from "./stream-csv";

/** The export's columns, in order (web/README.md lists them). */
export const ATTENDEE_CSV_COLUMNS = [
  "ticket_reference",
  "ticket_id",
  "status",
  "holder_name",
  "holder_email",
  "order_id",
  "show_starts_at",
  "seat",
  "row",
  "seat_number",
  "grade",
  "price",
  "currency",
  "checked_in",
  "checked_in_at",
  "gate",
] as const;

function attendeeCells(attendee: AdminAttendee) {
  return [
    attendee.reference,
    attendee.ticketId,
    attendee.status,
    attendee.holder.name,
    attendee.holder.email,
    attendee.orderId,
    attendee.show.startsAt.toISOString(),
    attendee.seat.label,
    attendee.seat.row,
    attendee.seat.column,
    attendee.seat.gradeName,
    plainAmount(attendee.priceMinor, attendee.currency),
    attendee.currency,
    attendee.checkIn ? "yes" : "no",
    attendee.checkIn?.scannedAt.toISOString(),
    attendee.checkIn?.gate,
  ];
}

/**
 * The attendees (one row per ticket) of a show or a performance as a CSV file, in the
 * list's order and with its filters, streamed a batch at a time (see streamCsv).
 */
export async function exportAttendeesCsv({
  scope,
  query,
}: {
  scope: SalesScopeRef;
  query: AttendeesExportQuery;
}): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const { scheduleIds, fileStem } = await findSalesScope(scope);
  const filter = {
    scheduleIds,
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.checkedIn === undefined ? {} : { checkedIn: query.checkedIn }),
    ...(query.q ? { search: searchTermsOf(query.q) } : {}),
  };
  return {
    fileName: `attendees-${fileStem}.csv`,
    body: streamCsv<AdminAttendee>({
      header: ATTENDEE_CSV_COLUMNS,
      toCells: attendeeCells,
      nextBatch: (after) =>
        fetchAttendeeRows(filter, {
          ...(after
            ? {
                after: {
                  startsAt: after.show.startsAt,
                  scheduleId: after.show.scheduleId,
                  row: after.seat.row,
                  column: after.seat.column,
                  ticketId: after.ticketId,
                },
              }
            : {}),
          limit: EXPORT_BATCH_ROWS,
        }),
    }),
  };
}
