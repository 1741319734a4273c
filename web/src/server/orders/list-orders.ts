import "server-only";
import { z } from "zod";
import { cursorInstant, decodeCursor, encodeCursor } from "./keyset-cursor";
import { fetchOrderRows } from "./fetch-order-rows";
import { findSalesScope, type SalesScopeRef } from "./find-sales-scope";
import type { OrdersPage, OrdersQuery } from "./schemas";
import { searchTermsOf } from "./search-terms";

const LIST = "orders";
const orderKey = z.tuple([cursorInstant, z.uuid()]);

/**
 * A page of a show's or a performance's orders, newest first, with the cursor of the next.
 * Pages never repeat or skip an order that existed when the first was read: the order is a
 * total one (created_at, then id) and a cursor is a position in it, not an offset, so orders
 * written meanwhile only ever appear before the first page.
 */
export async function listOrders({
  scope,
  query,
}: {
  scope: SalesScopeRef;
  query: OrdersQuery;
}): Promise<OrdersPage> {
  const after = query.cursor ? decodeCursor(query.cursor, LIST, orderKey) : undefined;
  const { scheduleIds } = await findSalesScope(scope);
  const rows = await fetchOrderRows(
    {
      scheduleIds,
      ...(query.status ? { statuses: query.status } : {}),
      ...(query.q ? { search: searchTermsOf(query.q) } : {}),
    },
    {
      ...(after ? { after: { createdAt: new Date(after[0]), id: after[1] } } : {}),
      limit: query.limit + 1,
    },
  );
  const orders = rows.slice(0, query.limit);
  const last = orders.at(-1);
  return {
    orders,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor(LIST, [last.createdAt.toISOString(), last.id])
        : null,
  };
}
