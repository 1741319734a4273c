const SEAT = /^r?(\d{1,4})\s*[-,/ ]\s*(\d{1,4})$/i;

/**
 * The seat a typed search names, as tickets print it ("R3-12") or as people say it ("3-12",
 * "3/12"); undefined when the text is not a seat. The door's guest search and the
 * organizer's order and attendee search read seats the same way.
 */
export function seatOfQuery(q: string): { row: number; column: number } | undefined {
  const seat = SEAT.exec(q.trim());
  return seat ? { row: Number(seat[1]), column: Number(seat[2]) } : undefined;
}
