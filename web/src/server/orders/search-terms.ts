import { z } from "zod";
import { seatOfQuery } from "../check-in/seat-of-query";

/** What a typed search means: a seat, an order id, or part of a name or an email. */
export type SearchTerms =
  | { kind: "seat"; row: number; column: number }
  | { kind: "order"; id: string }
  | { kind: "text"; pattern: string };

/** ILIKE's wildcards typed by a person are meant literally. */
function likePattern(text: string): string {
  return `%${text.replaceAll(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function searchTermsOf(q: string): SearchTerms {
  const seat = seatOfQuery(q);
  if (seat) return { kind: "seat", ...seat };
  if (z.uuid().safeParse(q).success) return { kind: "order", id: q.toLowerCase() };
  return { kind: "text", pattern: likePattern(q) };
}
