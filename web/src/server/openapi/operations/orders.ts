import type { z } from "zod";
import { idParamsSchema } from "../../admin/schemas";
import {
  attendeesExportQuerySchema,
  attendeesPageSchema,
  attendeesQuerySchema,
  ordersExportQuerySchema,
  ordersPageSchema,
  ordersQuerySchema,
} from "../../orders/schemas";
import type { Operation } from "../operation";
import { organizerOperation } from "./organizer-operation";

const scopes = [
  { path: "schedules", name: "Show", of: "a show" },
  { path: "performances", name: "Performance", of: "every show of a performance" },
] as const;
const paging =
  'Pages by cursor: pass `nextCursor` back as `cursor` (with the same filters) until it is null. Every order that existed when the first page was read appears exactly once, whatever is written meanwhile. A damaged or foreign `cursor` is `VALIDATION_FAILED` with the issue `{ path: "cursor", code: "INVALID_CURSOR" }`.';
const search =
  "`q`: any part of the buyer's name or email (any case), a seat (`R3-12`, `3-12`) or an order id.";
const csv =
  "Streamed as it is read (a batch of rows at a time, constant memory), UTF-8 with a byte-order mark, comma-separated, CRLF, quoted where needed (RFC 4180); a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return starts with `'` instead, so no spreadsheet runs it. `Content-Disposition: attachment` names the file. Columns: see web/README.md.";
const download = {
  "content-disposition": {
    description: 'attachment; filename="orders-<slug>[-<yyyymmdd-hhmm>].csv" (or attendees-…)',
    required: true,
  },
};

/** A list's CSV file: the list's rows and filters, every row, streamed. */
function csvExport({
  scope: { path, name, of },
  list,
  query,
}: {
  scope: (typeof scopes)[number];
  list: "orders" | "attendees";
  query: z.ZodType;
}): Operation {
  const noun = `${list.charAt(0).toUpperCase()}${list.slice(1)}`;
  return {
    ...organizerOperation,
    method: "get",
    path: `/api/admin/${path}/{id}/${list}.csv`,
    operationId: `export${name}${noun}`,
    summary: `The ${list} of ${of} as a CSV file`,
    description: `The list's ${list} and filters, every row. ${csv}`,
    params: idParamsSchema,
    query,
    answers: {
      200: { description: "The CSV file.", contentType: "text/csv", headers: download },
    },
    errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
  };
}

export const orderOperations: Operation[] = scopes.flatMap((scope): Operation[] => {
  const { path, name, of } = scope;
  return [
    {
      ...organizerOperation,
      method: "get",
      path: `/api/admin/${path}/{id}/orders`,
      operationId: `list${name}Orders`,
      summary: `The orders of ${of}, newest first, a page at a time`,
      description: `Every order (reservation) in any status, with the buyer, seats, amount, times and payment. ${search} \`status\` narrows to some statuses. ${paging}`,
      params: idParamsSchema,
      query: ordersQuerySchema,
      answers: { 200: { description: "A page of orders.", data: ordersPageSchema } },
      errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
    },
    csvExport({ scope, list: "orders", query: ordersExportQuerySchema }),
    {
      ...organizerOperation,
      method: "get",
      path: `/api/admin/${path}/{id}/attendees`,
      operationId: `list${name}Attendees`,
      summary: `The attendees of ${of}: one per ticket, in show and seat order`,
      description: `Each ticket with its holder, seat, status (VALID admits at the door) and check-in. ${search} \`status\` and \`checkedIn\` narrow the list. ${paging}`,
      params: idParamsSchema,
      query: attendeesQuerySchema,
      answers: { 200: { description: "A page of attendees.", data: attendeesPageSchema } },
      errors: ["NOT_FOUND", "SERVICE_UNAVAILABLE"],
    },
    csvExport({ scope, list: "attendees", query: attendeesExportQuerySchema }),
  ];
});
