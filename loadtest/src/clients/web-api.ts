import { z } from "zod";
import type { HttpRequest, HttpResponse } from "./http-client";
import { StepError } from "./step-error";

const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const ticketSchema = z.object({
  ticket: z.string().min(1),
  expiresAt: z.union([z.string(), z.number()]),
  queueUrl: z.url(),
});

const seatMapSchema = z.object({
  version: z.string(),
  build: z.string(),
  layout: z
    .object({
      maxSeatsPerReservation: z.number().int().positive(),
      seats: z.array(z.tuple([z.string(), z.number(), z.number(), z.number()])),
    })
    .nullable(),
  status: z.string(),
});

const holdSchema = z.object({
  reservationId: z.uuid(),
  seatIds: z.array(z.string()),
  holdExpiresAt: z.iso.datetime(),
});

const checkoutSchema = z.object({
  reservationId: z.uuid(),
  sessionId: z.string().min(1),
  url: z.url(),
  holdExpiresAt: z.iso.datetime(),
});

const reservationsSchema = z.object({
  reservations: z.array(
    z.object({ id: z.uuid(), status: z.string(), holdExpiresAt: z.iso.datetime() }),
  ),
});

export type QueueTicket = z.infer<typeof ticketSchema>;
export type SeatMap = z.infer<typeof seatMapSchema>;
export type Hold = z.infer<typeof holdSchema>;
export type StartedCheckout = z.infer<typeof checkoutSchema>;
export type MyReservation = z.infer<typeof reservationsSchema>["reservations"][number];

/** What the APIs are called over: the keep-alive HttpClient, or a wrapper around it. */
export interface HttpTransport {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** A signed-in buyer's view of the web app: its session cookie and, once admitted, its token. */
export interface BuyerCredentials {
  cookie: string;
  workingToken?: string;
}

/**
 * The web app's APIs and the simulated payment page, called the way the browser calls
 * them (see web/README.md). Every answer is checked with zod; an error answer becomes a
 * StepError carrying the server's code.
 */
export class WebApi {
  constructor(private readonly http: HttpTransport) {}

  async queueTicket(
    who: BuyerCredentials,
    performanceId: string,
    signal?: AbortSignal,
  ): Promise<QueueTicket> {
    const response = await this.http.request({
      method: "POST",
      path: "/api/queue/ticket",
      headers: { ...headersOf(who), "content-type": "application/json" },
      body: JSON.stringify({ performanceId }),
      signal,
    });
    return dataOf(response, ticketSchema, 200);
  }

  async seatMap(
    who: BuyerCredentials,
    scheduleId: string,
    knownBuild?: string,
    signal?: AbortSignal,
  ): Promise<SeatMap> {
    const response = await this.http.request({
      method: "GET",
      path: `/api/schedules/${scheduleId}/seat-map`,
      headers: { ...headersOf(who), ...(knownBuild ? { "x-seat-map-build": knownBuild } : {}) },
      signal,
    });
    return dataOf(response, seatMapSchema, 200);
  }

  async hold(
    who: BuyerCredentials,
    scheduleId: string,
    seatIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<Hold> {
    const response = await this.http.request({
      method: "POST",
      path: `/api/schedules/${scheduleId}/holds`,
      headers: { ...headersOf(who), "content-type": "application/json" },
      body: JSON.stringify({ seatIds }),
      signal,
    });
    return dataOf(response, holdSchema, 201);
  }

  /** The checkout page's "Pay" button: opens the provider's payment page for the hold. */
  async startCheckout(
    who: BuyerCredentials,
    reservationId: string,
    signal?: AbortSignal,
  ): Promise<StartedCheckout> {
    const response = await this.http.request({
      method: "POST",
      path: `/api/reservations/${reservationId}/checkout`,
      headers: headersOf(who),
      signal,
    });
    return dataOf(response, checkoutSchema, 200);
  }

  /** The browser following the checkout's URL to the simulated payment page. */
  async paymentPage(who: BuyerCredentials, url: string, signal?: AbortSignal): Promise<void> {
    const response = await this.http.request({
      method: "GET",
      path: new URL(url).pathname,
      headers: { cookie: who.cookie, accept: "text/html" },
      signal,
    });
    if (response.status !== 200) throw errorOf(response);
    if (!response.body.includes("outcome")) {
      throw new StepError("PAYMENT_PAGE_CLOSED", "the payment page offers no Pay button");
    }
  }

  /**
   * The payment page's Pay button: a form post to ./submit, answered with a redirect back
   * to the checkout page (`?paid=1`) once the webhook was delivered and recorded.
   */
  async pay(who: BuyerCredentials, sessionId: string, signal?: AbortSignal): Promise<void> {
    const response = await this.http.request({
      method: "POST",
      path: `/simulated-checkout/${sessionId}/submit`,
      headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ outcome: "pay" }).toString(),
      signal,
    });
    if (response.status !== 303) throw errorOf(response);
    const location = response.headers.location ?? "";
    if (!location.includes("paid=1")) {
      throw new StepError("PAYMENT_NOT_TAKEN", `payment redirected to ${location}`);
    }
  }

  async myReservations(who: BuyerCredentials, signal?: AbortSignal): Promise<MyReservation[]> {
    const response = await this.http.request({
      method: "GET",
      path: "/api/me/reservations?limit=5",
      headers: { cookie: who.cookie },
      signal,
    });
    return dataOf(response, reservationsSchema, 200).reservations;
  }
}

function headersOf(who: BuyerCredentials): Record<string, string> {
  return {
    cookie: who.cookie,
    ...(who.workingToken ? { "x-working-token": who.workingToken } : {}),
  };
}

function dataOf<T>(response: HttpResponse, schema: z.ZodType<T>, status: number): T {
  if (response.status !== status) throw errorOf(response);
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw new StepError("BAD_RESPONSE", `status ${response.status} without a JSON body`);
  }
  const parsed = z.object({ data: schema }).safeParse(json);
  if (!parsed.success) {
    throw new StepError("BAD_RESPONSE", `unexpected answer: ${parsed.error.message}`);
  }
  return parsed.data.data;
}

function errorOf(response: HttpResponse): StepError {
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    return new StepError(`HTTP_${response.status}`, `status ${response.status}`);
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) return new StepError(`HTTP_${response.status}`, `status ${response.status}`);
  const { code, message, details } = parsed.data.error;
  return new StepError(code, message, details);
}
