import { z } from "zod";
import { holdViewSchema } from "../../booking/hold-view";
import { holdRequestSchema, openHoldSchema, scheduleParamsSchema } from "../../booking/schemas";
import { cancelledReservationSchema, reservationParamsSchema } from "../../reservations/schemas";
import { seatMapResponseSchema } from "../../seat-map/types";
import type { Operation } from "../operation";

const tag = "Booking";
const etag = { ETag: { description: '`"<version>"`', required: true } };

export const bookingOperations: Operation[] = [
  {
    method: "get",
    path: "/api/schedules/{scheduleId}/seat-map",
    operationId: "getSeatMap",
    tag,
    summary: "The live seat map of a show (polled every 2 s by the seat map page)",
    description:
      "`layout.seats[i]` is `[seatId, row, column, index into grades]`; `status[i]` is that seat's state. Send the last `version` in `If-None-Match` to get 304 while nothing changed, and the `build` in `x-seat-map-build` to get `layout: null` while the layout is the one you have.",
    access: "admitted",
    params: scheduleParamsSchema,
    headers: {
      "If-None-Match": {
        description: "The ETag of the copy the client has.",
        schema: z.string(),
      },
      "x-seat-map-build": {
        description: "The `build` of the layout the client has.",
        schema: z.string(),
      },
    },
    answers: {
      200: { description: "The seat map.", data: seatMapResponseSchema, headers: etag },
      304: { description: "Unchanged since If-None-Match.", contentType: null, headers: etag },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "post",
    path: "/api/schedules/{scheduleId}/holds",
    operationId: "createHold",
    tag,
    summary: "Holds seats of a show, all or nothing, as one PENDING reservation",
    description:
      "1 to the performance's `maxSeatsPerReservation` seats of this show, no duplicates. The hold lasts until `holdExpiresAt`; pay through checkout before then. A seat of another show, or a duplicate, is `VALIDATION_FAILED`. 20 attempts per buyer and performance in 10 minutes. In a presale turn paid with a code that has a seat cap, the turn's held and bought seats together stay within it: `HOLD_LIMIT_REACHED` with `details.limit` `presale-seat-cap`. The token of a presale turn whose code use was given back (the turn is over) is `QUEUE_TOKEN_REQUIRED`.",
    access: "admitted",
    params: scheduleParamsSchema,
    body: holdRequestSchema,
    answers: { 201: { description: "Held.", data: holdViewSchema } },
    errors: [
      "SEAT_UNAVAILABLE",
      "HOLD_LIMIT_REACHED",
      "SALE_CLOSED",
      "RATE_LIMITED",
      "SERVICE_UNAVAILABLE",
    ],
  },
  {
    method: "get",
    path: "/api/schedules/{scheduleId}/holds",
    operationId: "getOpenHold",
    tag,
    summary: "The caller's own live hold on this show, or null (no working token needed)",
    access: "session",
    params: scheduleParamsSchema,
    answers: { 200: { description: "The hold, or null.", data: openHoldSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "delete",
    path: "/api/holds/{reservationId}",
    operationId: "releaseHold",
    tag,
    summary: "Gives the caller's own open hold back (no working token needed)",
    description:
      "The reservation becomes CANCELLED and the seats are available at once. `CONFLICT` when it is no longer an open hold, with `details.reason: PAYMENT_IN_PROGRESS` when its payment is already recorded.",
    access: "session",
    params: reservationParamsSchema,
    answers: { 200: { description: "Released.", data: cancelledReservationSchema } },
    errors: ["CONFLICT", "SERVICE_UNAVAILABLE"],
  },
];
