import { randomUUID } from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";

/** What a proxy or client may send: ids of other systems, but nothing that could forge a log line. */
const acceptable = /^[\w.:@-]{1,128}$/;

/** The caller's request id when it is a sane one (a proxy's, a client's), else a new one. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && acceptable.test(value) ? value : randomUUID();
}
