import "server-only";
import { renderShowCalendar, ticketWords } from "@ticketping/common/tickets";
import { issuedTickets, reservationTicketsPdf } from "@ticketping/common/tickets/print";
import type { LoadedPrintableReservation } from "@ticketping/db";
import { env } from "@/env";
import { ticketSigner } from "./ticket-signer";

export function ticketsPdf(reservation: LoadedPrintableReservation): Promise<Uint8Array> {
  return reservationTicketsPdf(reservation, ticketSigner());
}

export function ticketsCalendar(reservation: LoadedPrintableReservation): string {
  const seats = issuedTickets(reservation, ticketSigner())
    .map((ticket) => `${ticket.seat} (${ticket.gradeName})`)
    .join("; ");
  return renderShowCalendar({
    uid: `${reservation.reservationId}@ticketping`,
    title: reservation.performanceName,
    startsAt: reservation.startsAt,
    durationMinutes: reservation.runtimeMinutes,
    location: `${reservation.hallName}, ${reservation.hallAddress}`,
    description: ticketWords[reservation.locale].calendarDescription(seats),
    url: new URL("/my-tickets", env.NEXTAUTH_URL).toString(),
  });
}
