import "server-only";
import type { TicketPublicKey } from "@ticketping/common/tickets";
import { trustedTicketKeys } from "../tickets/ticket-signer";
import { doorTicketRows } from "./door-ticket-rows";
import type { DoorTicketRow } from "./schemas";

/**
 * Everything a door needs to keep admitting without the network: the keys that verify codes,
 * and every ticket of the show with whether it is valid and already admitted, as of now.
 */
export async function listDoorTickets({ scheduleId }: { scheduleId: string }): Promise<{
  asOf: Date;
  keys: TicketPublicKey[];
  tickets: DoorTicketRow[];
}> {
  const asOf = new Date();
  return {
    asOf,
    keys: trustedTicketKeys(),
    tickets: await doorTicketRows({ scheduleId }),
  };
}
