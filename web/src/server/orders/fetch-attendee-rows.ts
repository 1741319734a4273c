import "server-only";
import { Prisma } from "@ticketping/db";
import { seatLabelOf, ticketReferenceOf } from "@ticketping/common/tickets";
import { db } from "../db";
import type { AdminAttendee, AttendeeStatus } from "./schemas";
import type { SearchTerms } from "./search-terms";

/** An attendee's place in the list: by show (time, id), then seat, the ticket breaking ties. */
export interface AttendeeKey {
  startsAt: Date;
  scheduleId: string;
  row: number;
  column: number;
  ticketId: string;
}

export interface AttendeeFilter {
  scheduleIds: string[];
  statuses?: AttendeeStatus[];
  checkedIn?: boolean;
  search?: SearchTerms;
}

interface AttendeeRow {
  ticket_id: string;
  status: AttendeeStatus;
  name: string;
  email: string;
  order_id: string;
  schedule_id: string;
  starts_at: Date;
  row_number: number;
  column_number: number;
  grade_name: string;
  price_minor: number;
  currency: string;
  gate: string | null;
  scanned_at: Date | null;
}

// The door's rule (see check-in): a ticket admits while its order is CONFIRMED and its seat
// was not refunded by the organizer.
const STATUS = Prisma.sql`CASE
  WHEN r.status = 'CONFIRMED' AND rs.refund_id IS NULL THEN 'VALID'
  WHEN r.status = 'REFUNDED' OR rs.refund_id IS NOT NULL THEN 'REFUNDED'
  ELSE 'CANCELLED' END`;

function matching(search: SearchTerms | undefined): Prisma.Sql {
  if (!search) return Prisma.empty;
  switch (search.kind) {
    case "order":
      return Prisma.sql`AND (r.id = ${search.id}::uuid OR t.id = ${search.id}::uuid)`;
    case "seat":
      return Prisma.sql`AND st.row_number = ${search.row} AND st.column_number = ${search.column}`;
    case "text":
      return Prisma.sql`AND (u.name ILIKE ${search.pattern} OR u.email ILIKE ${search.pattern})`;
  }
}

/**
 * One batch of attendees (one row per ticket) after `after`, in show and seat order: the page
 * of the list and the export's batch. Tickets exist from the order's confirmation on;
 * refunded and cancelled ones stay listed with their status.
 */
export async function fetchAttendeeRows(
  filter: AttendeeFilter,
  { after, limit }: { after?: AttendeeKey; limit: number },
): Promise<AdminAttendee[]> {
  if (filter.scheduleIds.length === 0) return [];
  const status = filter.statuses
    ? Prisma.sql`AND (${STATUS}) = ANY(${filter.statuses}::text[])`
    : Prisma.empty;
  const checkedIn =
    filter.checkedIn === undefined
      ? Prisma.empty
      : filter.checkedIn
        ? Prisma.sql`AND c.ticket_id IS NOT NULL`
        : Prisma.sql`AND c.ticket_id IS NULL`;
  const keyset = after
    ? Prisma.sql`AND (sch.starts_at, sch.id, st.row_number, st.column_number, t.id)
                   > (${after.startsAt}::timestamptz, ${after.scheduleId}::uuid, ${after.row}::int,
                      ${after.column}::int, ${after.ticketId}::uuid)`
    : Prisma.empty;
  const rows = await db().$queryRaw<AttendeeRow[]>`
    SELECT t.id AS ticket_id, ${STATUS} AS status, u.name, u.email, r.id AS order_id,
           sch.id AS schedule_id, sch.starts_at, st.row_number, st.column_number,
           g.name AS grade_name, rs.price_minor, r.currency, c.gate, c.scanned_at
      FROM tickets t
      JOIN schedules sch ON sch.id = t.schedule_id
      JOIN seats st ON st.id = t.seat_id
      JOIN seat_grades g ON g.id = st.grade_id
      JOIN reservations r ON r.id = t.reservation_id
      JOIN reservation_seats rs ON rs.reservation_id = t.reservation_id AND rs.seat_id = t.seat_id
      JOIN users u ON u.id = r.user_id
      LEFT JOIN check_ins c ON c.ticket_id = t.id
     WHERE t.schedule_id = ANY(${filter.scheduleIds}::uuid[])
           ${status} ${checkedIn} ${keyset} ${matching(filter.search)}
     ORDER BY sch.starts_at, sch.id, st.row_number, st.column_number, t.id
     LIMIT ${limit}`;
  return rows.map((row) => {
    const seat = { row: row.row_number, column: row.column_number };
    return {
      ticketId: row.ticket_id,
      reference: ticketReferenceOf(row.ticket_id),
      status: row.status,
      holder: { name: row.name, email: row.email },
      orderId: row.order_id,
      show: { scheduleId: row.schedule_id, startsAt: row.starts_at },
      seat: { label: seatLabelOf(seat), ...seat, gradeName: row.grade_name },
      priceMinor: row.price_minor,
      currency: row.currency,
      checkIn:
        row.gate !== null && row.scanned_at !== null
          ? { gate: row.gate, scannedAt: row.scanned_at }
          : null,
    };
  });
}
