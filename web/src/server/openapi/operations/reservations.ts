import {
  myReservationsQuerySchema,
  myReservationsSchema,
  reservationParamsSchema,
} from "../../reservations/schemas";
import type { Operation } from "../operation";

export const reservationOperations: Operation[] = [
  {
    method: "get",
    path: "/api/me/reservations",
    operationId: "listMyReservations",
    tag: "My reservations",
    summary: "The signed-in buyer's own reservations, newest first",
    description:
      "Each with its status and reason, amount, seats and refunds (`refundedAt` null while the provider has not made the refund yet). The user comes from the session only.",
    access: "session",
    query: myReservationsQuerySchema,
    answers: { 200: { description: "The reservations.", data: myReservationsSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/reservations/{reservationId}/tickets.pdf",
    operationId: "downloadTicketsPdf",
    tag: "My reservations",
    summary: "The tickets of a confirmed reservation as a PDF, one page each with its QR code",
    description:
      "`NOT_FOUND` when the reservation is not the caller's, does not exist, or is not (or no longer) CONFIRMED.",
    access: "session",
    params: reservationParamsSchema,
    answers: {
      200: {
        description: "The PDF (Content-Disposition: attachment).",
        contentType: "application/pdf",
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/reservations/{reservationId}/calendar.ics",
    operationId: "downloadShowCalendar",
    tag: "My reservations",
    summary: "The show of a confirmed reservation as an iCalendar event",
    description:
      "Times in UTC; the event's UID is the reservation's, so importing again updates it. `NOT_FOUND` as for the PDF.",
    access: "session",
    params: reservationParamsSchema,
    answers: {
      200: { description: "The .ics file.", contentType: "text/calendar" },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
];
