import { myReservationsQuerySchema, myReservationsSchema } from "../../reservations/schemas";
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
];
