import type { Messages } from "./messages";

/**
 * The namespaces Client Components read: only these travel to the browser with each page.
 * The rest (the banner, the catalog, mail-free server pages...) is rendered on the server,
 * and sending every page's words with every page would only weigh it down, and put on the
 * page words it does not show.
 */
export const CLIENT_NAMESPACES = [
  "auth",
  "booking",
  "checkout",
  "countdown",
  "errors",
  "header",
  "pageError",
  "pow",
  "queue",
  "reservationStatus",
  "saleStatus",
  "tickets",
  "time",
  "wait",
  "waitlist",
] as const satisfies readonly (keyof Messages)[];

export function pickClientMessages(
  messages: Messages,
): Pick<Messages, (typeof CLIENT_NAMESPACES)[number]> {
  return Object.fromEntries(
    CLIENT_NAMESPACES.map((namespace) => [namespace, messages[namespace]]),
  ) as Pick<Messages, (typeof CLIENT_NAMESPACES)[number]>;
}
