import "server-only";
import { Prisma, type PaymentProvider, type ReservationStatus } from "@ticketping/db";
import { seatLabelOf } from "@ticketping/common/tickets";
import { db } from "../db";
import type { AdminOrder } from "./schemas";
import type { SearchTerms } from "./search-terms";

/** An order's place in the list: newest first, the id breaking ties. */
export interface OrderKey {
  createdAt: Date;
  id: string;
}

export interface OrderFilter {
  scheduleIds: string[];
  statuses?: ReservationStatus[];
  search?: SearchTerms;
}

interface OrderRow {
  id: string;
  status: ReservationStatus;
  name: string;
  email: string;
  schedule_id: string;
  starts_at: Date;
  amount_minor: number;
  currency: string;
  created_at: Date;
  confirmed_at: Date | null;
  paid_at: Date | null;
  refunded_at: Date | null;
  payment_provider: PaymentProvider | null;
  payment_id: string | null;
  /** null for an order without seats (json_agg of no rows). */
  seats:
    | {
        row: number;
        column: number;
        gradeName: string;
        priceMinor: number;
        refunded: boolean;
      }[]
    | null;
}

/** The ids of the scope's orders a seat or an order id finds: a handful of rows at most. */
function matchingOrders(
  { scheduleIds }: OrderFilter,
  search: Exclude<SearchTerms, { kind: "text" }>,
): Prisma.Sql {
  switch (search.kind) {
    case "order":
      return Prisma.sql`SELECT ${search.id}::uuid AS id`;
    case "seat":
      return Prisma.sql`
        SELECT rs.reservation_id AS id FROM seats st
          JOIN reservation_seats rs ON rs.seat_id = st.id
         WHERE st.schedule_id = ANY(${scheduleIds}::uuid[])
           AND st.row_number = ${search.row} AND st.column_number = ${search.column}`;
  }
}

/**
 * One batch of orders after `after` (or from the newest), newest first: the page of the list
 * and the export's batch. A page costs about `limit` rows per show however many orders
 * there are, and a deep page as little as the first (the keyset, not an offset).
 */
export async function fetchOrderRows(
  filter: OrderFilter,
  { after, limit }: { after?: OrderKey; limit: number },
): Promise<AdminOrder[]> {
  if (filter.scheduleIds.length === 0) return [];
  const status = filter.statuses
    ? Prisma.sql`AND r.status::text = ANY(${filter.statuses}::text[])`
    : Prisma.empty;
  const keyset = after
    ? Prisma.sql`AND (r.created_at, r.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
    : Prisma.empty;
  const order = Prisma.sql`ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}`;
  const search = filter.search;
  // A seat or an order id starts from what it matches (a few rows), which the index order
  // would have to scan the whole show to find. Everything else reads each show's orders in
  // index order and merges them: about `limit` rows per show. A name or an email joins the
  // buyer there, so the planner can pick per search: for a broad one ("buyer 1") walk the
  // index and stop at `limit` matches, for a rare one ("minji") start from the trigram
  // indexes. Asked as `id IN (buyers' orders)` it could do neither, and scanned the show.
  const page =
    search && search.kind !== "text"
      ? Prisma.sql`
      SELECT r.id, r.created_at FROM reservations r
       WHERE r.id IN (${matchingOrders(filter, search)})
         AND r.schedule_id = ANY(${filter.scheduleIds}::uuid[]) ${status} ${keyset}
       ${order}`
      : Prisma.sql`
      SELECT r.id, r.created_at
        FROM unnest(${filter.scheduleIds}::uuid[]) AS show(id)
        CROSS JOIN LATERAL (
          SELECT r.id, r.created_at FROM reservations r
           ${search ? Prisma.sql`JOIN users u ON u.id = r.user_id` : Prisma.empty}
           WHERE r.schedule_id = show.id ${status} ${keyset}
           ${search ? Prisma.sql`AND (u.name ILIKE ${search.pattern} OR u.email ILIKE ${search.pattern})` : Prisma.empty}
           ${order}
        ) r
       ${order}`;
  const rows = await db().$queryRaw<OrderRow[]>`
    WITH page AS (${page}
    )
    SELECT r.id, r.status, u.name, u.email, r.schedule_id, sch.starts_at, r.amount_minor,
           r.currency, r.created_at, r.confirmed_at, pay.created_at AS paid_at,
           GREATEST(
             (SELECT max(p.refunded_at) FROM payments p WHERE p.reservation_id = r.id),
             (SELECT max(f.refunded_at) FROM refunds f WHERE f.reservation_id = r.id)
           ) AS refunded_at,
           pay.provider AS payment_provider, pay.provider_payment_id AS payment_id,
           (SELECT json_agg(json_build_object(
                     'row', st.row_number, 'column', st.column_number, 'gradeName', g.name,
                     'priceMinor', rs.price_minor, 'refunded', rs.refund_id IS NOT NULL)
                   ORDER BY st.row_number, st.column_number)
              FROM reservation_seats rs
              JOIN seats st ON st.id = rs.seat_id
              JOIN seat_grades g ON g.id = st.grade_id
             WHERE rs.reservation_id = r.id) AS seats
      FROM page
      JOIN reservations r ON r.id = page.id
      JOIN users u ON u.id = r.user_id
      JOIN schedules sch ON sch.id = r.schedule_id
      LEFT JOIN LATERAL (
        SELECT p.provider, p.provider_payment_id, p.created_at FROM payments p
         WHERE p.reservation_id = r.id AND p.status <> 'FAILED'
         ORDER BY p.created_at DESC, p.id DESC
         LIMIT 1
      ) pay ON TRUE
     ORDER BY r.created_at DESC, r.id DESC`;
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    buyer: { name: row.name, email: row.email },
    show: { scheduleId: row.schedule_id, startsAt: row.starts_at },
    seats: (row.seats ?? []).map((seat) => ({
      label: seatLabelOf(seat),
      row: seat.row,
      column: seat.column,
      gradeName: seat.gradeName,
      priceMinor: seat.priceMinor,
      refunded: seat.refunded,
    })),
    amountMinor: row.amount_minor,
    currency: row.currency,
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    paidAt: row.paid_at,
    refundedAt: row.refunded_at,
    payment:
      row.payment_provider && row.payment_id
        ? { provider: row.payment_provider, id: row.payment_id }
        : null,
  }));
}
