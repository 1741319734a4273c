import { describe, expect, it } from "vitest";
import { reservationConfirmed } from "./catalog";
import { createEvent, decodeEvent } from "./define-event";
import { derivedEventId, outboxMessage } from "./outbox";

describe("outbox messages", () => {
  it("carry the encoded event and its id headers, and decode back to the event", () => {
    const event = createEvent(reservationConfirmed, {
      reservationId: "r",
      userId: "u",
      performanceId: "p",
      scheduleId: "s",
      seatIds: ["a", "b"],
    });
    const message = outboxMessage(reservationConfirmed, event, { key: "r" });
    expect(message.topic).toBe("ticketping.reservation.confirmed");
    expect(message.headers["event-id"]).toBe(event.id);
    expect(decodeEvent(reservationConfirmed, JSON.stringify(message.payload))).toEqual(event);
  });

  it("derive one stable, valid event id per name", () => {
    const id = derivedEventId("hold.expired:0196f0c2-0000-7000-8000-000000000001");
    expect(id).toBe(derivedEventId("hold.expired:0196f0c2-0000-7000-8000-000000000001"));
    expect(id).not.toBe(derivedEventId("hold.expired:0196f0c2-0000-7000-8000-000000000002"));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The envelope's uuid check accepts it.
    expect(() =>
      createEvent(
        reservationConfirmed,
        { reservationId: "r", userId: "u", performanceId: "p", scheduleId: "s", seatIds: ["a"] },
        { id },
      ),
    ).not.toThrow();
  });
});
