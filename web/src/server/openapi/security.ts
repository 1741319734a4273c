import { WORKING_TOKEN_COOKIE, WORKING_TOKEN_HEADER } from "../booking/gate/transport";
import type { Access } from "./operation";

/** The session cookie over plain http; over https next-auth prefixes it with __Secure-. */
export const SESSION_COOKIE = "next-auth.session-token";

export const securitySchemes = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "next-auth's session (a JWT) after signing in (`__Secure-next-auth.session-token` over https). Operations that need the organizer role name it as `ADMIN`.",
  },
  workingToken: {
    type: "apiKey",
    in: "header",
    name: WORKING_TOKEN_HEADER,
    description:
      "The working token the queue service issued on admission (also accepted as `Authorization: Bearer <token>`).",
  },
  workingTokenCookie: {
    type: "apiKey",
    in: "cookie",
    name: WORKING_TOKEN_COOKIE,
    description: "The working token as POST /api/queue/working-token stores it for browsers.",
  },
  metricsToken: {
    type: "http",
    scheme: "bearer",
    description: "METRICS_TOKEN. Unset: open outside production, and off (404) in production.",
  },
  stripeSignature: {
    type: "apiKey",
    in: "header",
    name: "Stripe-Signature",
    description: "Stripe's signature of the raw body with STRIPE_WEBHOOK_SECRET.",
  },
} as const;

type Requirement = Partial<Record<keyof typeof securitySchemes, string[]>>;

/** The OpenAPI security requirements of each kind of access (alternatives, any one will do). */
export const securityOf: Record<Access, Requirement[] | undefined> = {
  public: undefined,
  session: [{ session: [] }],
  admitted: [
    { session: [], workingToken: [] },
    { session: [], workingTokenCookie: [] },
  ],
  // OpenAPI 3.1 lets a non-OAuth scheme name the roles it needs.
  organizer: [{ session: ["ADMIN"] }],
  door: [{ session: ["STAFF", "ADMIN"] }],
  // An empty requirement: anonymous scrapes are let in where no token is configured.
  metrics: [{ metricsToken: [] }, {}],
  stripe: [{ stripeSignature: [] }],
};
