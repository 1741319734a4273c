import "server-only";
import { doorTicketRows } from "./door-ticket-rows";
import type { DoorTicketRow } from "./schemas";
import { seatOfQuery } from "./seat-of-query";

/**
 * For a guest whose code will not scan and who has no reference at hand: their tickets for
 * this show by name or email (any part, any case), or the seat as "R3-12" / "3-12". At most
 * 20, tickets of other shows never.
 */
export async function searchDoorTickets({
  scheduleId,
  q,
}: {
  scheduleId: string;
  q: string;
}): Promise<DoorTicketRow[]> {
  const seat = seatOfQuery(q);
  if (seat) return doorTicketRows({ scheduleId, seat }, 20);
  const contains = { contains: q, mode: "insensitive" } as const;
  return doorTicketRows(
    {
      scheduleId,
      reservation: { user: { OR: [{ name: contains }, { email: contains }] } },
    },
    20,
  );
}
