import "server-only";
import { plainAmount } from "@ticketping/common/format";
import { fetchOrderRows } from "./fetch-order-rows";
import { findSalesScope, type SalesScopeRef } from "./find-sales-scope";
import type { AdminOrder, OrdersExportQuery } from "./schemas";
import { searchTermsOf } from "./search-terms";
import { streamCsv } from "./stream-csv";

/** Rows per query: a few hundred KB of memory, a few dozen queries per 100,000 orders. */
export const EXPORT_BATCH_ROWS = 2_000;

/** The export's columns, in order (web/README.md lists them). */
export const ORDER_CSV_COLUMNS = [
  "order_id",
  "status",
  "buyer_name",
  "buyer_email",
  "show_starts_at",
  "seat_count",
  "seats",
  "refunded_seats",
  "amount",
  "currency",
  "created_at",
  "confirmed_at",
  "paid_at",
  "refunded_at",
  "payment_provider",
  "payment_id",
] as const;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function orderCells(order: AdminOrder) {
  return [
    order.id,
    order.status,
    order.buyer.name,
    order.buyer.email,
    iso(order.show.startsAt),
    order.seats.length,
    order.seats.map((seat) => seat.label).join(" "),
    order.seats
      .filter((seat) => seat.refunded)
      .map((seat) => seat.label)
      .join(" "),
    plainAmount(order.amountMinor, order.currency),
    order.currency,
    iso(order.createdAt),
    iso(order.confirmedAt),
    iso(order.paidAt),
    iso(order.refundedAt),
    order.payment?.provider,
    order.payment?.id,
  ];
}

/**
 * The orders of a show or a performance as a CSV file, in the list's order and with its
 * filters, streamed a batch at a time (see streamCsv). NOT_FOUND before anything is sent.
 */
export async function exportOrdersCsv({
  scope,
  query,
}: {
  scope: SalesScopeRef;
  query: OrdersExportQuery;
}): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const { scheduleIds, fileStem } = await findSalesScope(scope);
  const filter = {
    scheduleIds,
    ...(query.status ? { statuses: query.status } : {}),
    ...(query.q ? { search: searchTermsOf(query.q) } : {}),
  };
  return {
    fileName: `orders-${fileStem}.csv`,
    body: streamCsv<AdminOrder>({
      header: ORDER_CSV_COLUMNS,
      toCells: orderCells,
      nextBatch: (after) =>
        fetchOrderRows(filter, {
          ...(after ? { after: { createdAt: after.createdAt, id: after.id } } : {}),
          limit: EXPORT_BATCH_ROWS,
        }),
    }),
  };
}
