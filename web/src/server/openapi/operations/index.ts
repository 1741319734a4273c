import type { Operation } from "../operation";
import { accountOperations } from "./accounts";
import { bookingOperations } from "./booking";
import { catalogOperations } from "./catalog";
import { operationsOperations } from "./operations";
import { organizerOperations } from "./organizer";
import { paymentOperations } from "./payments";
import { reservationOperations } from "./reservations";
import { waitingRoomOperations } from "./waiting-room";

/** Every operation of web's HTTP API, in the order the reference shows them. */
export const operations: Operation[] = [
  ...catalogOperations,
  ...accountOperations,
  ...reservationOperations,
  ...waitingRoomOperations,
  ...bookingOperations,
  ...paymentOperations,
  ...organizerOperations,
  ...operationsOperations,
];

/**
 * Routes under src/app/api that the document leaves out, each with its reason. The
 * route-coverage test fails on any other route the document lacks.
 */
export const undocumentedRoutes: Record<string, string> = {
  "/api/auth/[...nextauth]":
    "next-auth's own protocol (sign-in, callbacks, CSRF, session); web/README.md describes the flows",
  "/api/bench/static": "the benchmark's baseline, served only with BENCH_ROUTES=1",
};
