import { describe, expect, it } from "vitest";
import { createEvent, decodeEvent, encodeEvent, EventDecodeError } from "./define-event";
import { paymentCompleted, reservationConfirmed } from "./catalog";

const payment = {
  reservationId: "res_1",
  paymentId: "pay_1",
  provider: "SIMULATED" as const,
  providerPaymentId: "pi_123",
  amountMinor: 12_000,
  currency: "EUR",
};

describe("event envelopes", () => {
  it("round-trips an event through its wire form", () => {
    const event = createEvent(paymentCompleted, payment);
    const decoded = decodeEvent(paymentCompleted, encodeEvent(event));
    expect(decoded).toEqual(event);
    expect(decoded.version).toBe(1);
    expect(paymentCompleted.topic).toBe("ticketping.payment.completed");
  });

  it("refuses to create an event with an invalid payload", () => {
    expect(() => createEvent(paymentCompleted, { ...payment, currency: "euro" })).toThrow();
  });

  it("rejects messages of another type, another version, or no JSON at all", () => {
    const other = createEvent(reservationConfirmed, {
      reservationId: "r",
      userId: "u",
      performanceId: "p",
      scheduleId: "s",
      seatIds: ["a"],
    });
    expect(() => decodeEvent(paymentCompleted, encodeEvent(other))).toThrow(EventDecodeError);
    const future = { ...createEvent(paymentCompleted, payment), version: 2 };
    expect(() => decodeEvent(paymentCompleted, JSON.stringify(future))).toThrow(EventDecodeError);
    expect(() => decodeEvent(paymentCompleted, "{not json")).toThrow(/not JSON/);
    expect(() => decodeEvent(paymentCompleted, null)).toThrow(/no value/);
  });
});
