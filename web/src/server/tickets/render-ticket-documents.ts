import "server-only";
import { renderShowCalendar } from "@ticketping/common/tickets";
import { renderTicketsPdf } from "@ticketping/common/tickets/print";
import { env } from "@/env";
import { formatDateTime } from "@/components/format";
import type { OwnTickets } from "./load-own-tickets";

export function ticketsPdf(own: OwnTickets): Promise<Uint8Array> {
  return renderTicketsPdf({
    show: {
      performanceName: own.performance.name,
      hallName: own.hall.name,
      startsAt: formatDateTime(own.startsAt),
    },
    tickets: own.tickets.map((ticket) => ({
      code: ticket.code,
      reference: ticket.reference,
      seat: `Row ${ticket.row}, seat ${ticket.column}`,
      gradeName: ticket.gradeName,
      holderName: own.holderName,
    })),
  });
}

export function ticketsCalendar(own: OwnTickets): string {
  const seats = own.tickets
    .map((ticket) => `Row ${ticket.row}, seat ${ticket.column} (${ticket.gradeName})`)
    .join("; ");
  return renderShowCalendar({
    uid: `${own.reservationId}@ticketping`,
    title: own.performance.name,
    startsAt: own.startsAt,
    durationMinutes: own.performance.runtimeMinutes,
    location: `${own.hall.name}, ${own.hall.address}`,
    description: `Your seats: ${seats}. Your tickets (QR codes) are in My tickets.`,
    url: new URL("/my-tickets", env.NEXTAUTH_URL).toString(),
  });
}
