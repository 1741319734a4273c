import { describe, expect, it } from "vitest";
import { publicSalePhase, publicSalePhases, salePhase, type SalePhaseInput } from "./sale-phase";

const now = new Date("2026-06-01T12:00:00Z");
const base: SalePhaseInput = {
  saleStatus: "PUBLISHED",
  bookingOpensAt: new Date("2026-05-01T00:00:00Z"),
  bookingClosesAt: new Date("2026-07-01T00:00:00Z"),
  availableSeats: 10,
};

describe("salePhase", () => {
  it("is on sale inside the booking window with seats left", () => {
    expect(salePhase(base, now)).toBe("open");
  });
  it("is upcoming before the window and closed after it", () => {
    expect(salePhase({ ...base, bookingOpensAt: new Date("2026-06-02T00:00:00Z") }, now)).toBe(
      "pre",
    );
    expect(salePhase({ ...base, bookingClosesAt: now }, now)).toBe("closed");
  });
  it("is sold out with no seats left, and closed when the organizer closed it", () => {
    expect(salePhase({ ...base, availableSeats: 0 }, now)).toBe("sold_out");
    expect(salePhase({ ...base, saleStatus: "CLOSED" }, now)).toBe("closed");
  });
  it("is sold out, not upcoming, before the opening with no seat left, as the queue refuses it", () => {
    const later = new Date("2026-06-02T00:00:00Z");
    expect(salePhase({ ...base, bookingOpensAt: later, availableSeats: 0 }, now)).toBe("sold_out");
  });
});

describe("publicSalePhase", () => {
  it("says each phase in the public API's words", () => {
    expect(publicSalePhase("pre")).toBe("upcoming");
    expect(publicSalePhase("open")).toBe("on-sale");
    expect(publicSalePhase("sold_out")).toBe("sold-out");
    expect(publicSalePhase("closed")).toBe("closed");
    expect(publicSalePhases).toEqual(["upcoming", "on-sale", "sold-out", "cancelled", "closed"]);
  });

  it("reads a performance whose every show is cancelled as cancelled, not sold out", () => {
    expect(publicSalePhase("sold_out", { everyShowCancelled: true })).toBe("cancelled");
    expect(publicSalePhase("sold_out", { everyShowCancelled: false })).toBe("sold-out");
  });
});
