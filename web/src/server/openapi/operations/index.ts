import type { Operation } from "../operation";
import { accountOperations } from "./accounts";
import { bookingOperations } from "./booking";
import { catalogOperations } from "./catalog";
import { checkInOperations } from "./check-in";
import { operationsOperations } from "./operations";
import { orderOperations } from "./orders";
import { organizerOperations } from "./organizer";
import { paymentOperations } from "./payments";
import { proofOfWorkOperations } from "./proof-of-work";
import { reservationOperations } from "./reservations";
import { sessionOperations } from "./sessions";
import { waitingRoomOperations } from "./waiting-room";
import { waitlistOperations } from "./waitlist";

/** Every operation of web's HTTP API, in the order the reference shows them. */
export const operations: Operation[] = [
  ...catalogOperations,
  ...accountOperations,
  ...proofOfWorkOperations,
  ...reservationOperations,
  ...sessionOperations,
  ...waitingRoomOperations,
  ...bookingOperations,
  ...paymentOperations,
  ...waitlistOperations,
  ...organizerOperations,
  ...orderOperations,
  ...checkInOperations,
  ...operationsOperations,
];

export interface UndocumentedRoute {
  methods: ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")[];
  reason: string;
}

/**
 * Route handlers (any route.ts under src/app) that the document leaves out, each with its
 * methods and the reason. The route-coverage test fails on any other route the document lacks.
 */
export const undocumentedRoutes: Record<string, UndocumentedRoute> = {
  "/api/auth/[...nextauth]": {
    methods: ["GET", "POST"],
    reason:
      "next-auth's own protocol (sign-in, callbacks, CSRF, session); web/README.md describes the flows",
  },
  "/api/bench/static": {
    methods: ["GET"],
    reason: "the benchmark's baseline, served only with BENCH_ROUTES=1",
  },
  "/language": {
    methods: ["POST"],
    reason:
      "the language switcher's form post (it answers a redirect and a cookie), not the JSON API",
  },
  "/simulated-checkout/[sessionId]/submit": {
    methods: ["POST"],
    reason: "the simulated payment page's form post (it answers a redirect), not the JSON API",
  },
};
