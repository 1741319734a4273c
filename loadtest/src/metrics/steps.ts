/**
 * The steps of a buyer's journey, in order. A `request` is one round trip (HTTP request or
 * socket acknowledgement); an `async` step is the time until something the buyer waits
 * for happened elsewhere in the system (webhook -> Kafka -> worker -> queue service).
 */
export const steps = {
  ticket: { kind: "request", what: "POST /api/queue/ticket (ticket door only)" },
  connect: { kind: "request", what: "Socket.IO handshake (ticket, or session cookie)" },
  join: { kind: "request", what: "queue:join acknowledged" },
  "front-door": {
    kind: "async",
    what: "first entry: ticket (if any) + connect + join answered (a place or a refusal)",
  },
  claim: { kind: "request", what: "queue:claim: the working token" },
  "seat-map": { kind: "request", what: "GET /api/schedules/:id/seat-map" },
  hold: { kind: "request", what: "POST /api/schedules/:id/holds (every attempt)" },
  checkout: { kind: "request", what: "POST /api/reservations/:id/checkout" },
  "payment-page": { kind: "request", what: "GET /simulated-checkout/:session" },
  pay: { kind: "request", what: "POST /simulated-checkout/:session/submit (webhook inside)" },
  reservations: { kind: "request", what: "GET /api/me/reservations (each poll)" },
  leave: { kind: "request", what: "queue:leave acknowledged" },
  confirmation: { kind: "async", what: "paid -> CONFIRMED seen in /api/me/reservations" },
  "slot-release": { kind: "async", what: "paid -> queue:released (the slot is free)" },
  expiry: { kind: "async", what: "hold lapsed -> EXPIRED seen in /api/me/reservations" },
} as const satisfies Record<string, { kind: "request" | "async"; what: string }>;

export type StepName = keyof typeof steps;
export const stepNames = Object.keys(steps) as StepName[];
