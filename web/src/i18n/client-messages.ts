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
  "fieldErrors",
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

/**
 * The messages a page's Client Components read: every page's shared namespaces, plus the
 * `extra` ones of one area (the organizer console's, the door's) that only its pages load.
 */
export function pickClientMessages<Extra extends keyof Messages = never>(
  messages: Messages,
  extra: readonly Extra[] = [],
): Pick<Messages, (typeof CLIENT_NAMESPACES)[number] | Extra> {
  return Object.fromEntries(
    [...CLIENT_NAMESPACES, ...extra].map((namespace) => [namespace, messages[namespace]]),
  ) as Pick<Messages, (typeof CLIENT_NAMESPACES)[number] | Extra>;
}
