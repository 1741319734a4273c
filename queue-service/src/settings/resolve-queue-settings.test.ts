import { describe, expect, it } from "vitest";
import { testConfig } from "../../test/support/instance";
import { resolveQueueSettings } from "./resolve-queue-settings";

const config = testConfig("tp:", {
  defaults: { maxActive: 1_000, admitRatePerSec: 50, tokenTtlSeconds: 600, refuseRatio: 2 },
});
const facts = {
  saleStatus: "PUBLISHED" as const,
  bookingOpensAt: new Date(1_000),
  bookingClosesAt: new Date(2_000),
  unsoldSeats: 300,
  queueMaxActive: null,
  queueAdmitRatePerSec: null,
  queueTokenTtlSeconds: null,
  queueRefuseRatio: null,
  shuffleSeed: "5".repeat(64),
  generalSaleOpensAt: null,
  generalShuffleSeed: "6".repeat(64),
};

describe("resolveQueueSettings", () => {
  it("takes the service defaults where the organizer set nothing", () => {
    expect(resolveQueueSettings(facts, config, 5)).toMatchObject({
      known: true,
      opensAt: 1_000,
      closesAt: 2_000,
      maxActive: 1_000,
      admitRate: 50,
      tokenTtlMs: 600_000,
      refuseRatio: 2,
      unsoldSeats: 300,
      loadedAt: 5,
      shuffleSeed: "5".repeat(64),
      generalOpensAt: 0,
      generalShuffleSeed: "6".repeat(64),
    });
  });

  it("carries the general sale after a presale and its own seed", () => {
    const presale = { ...facts, generalSaleOpensAt: new Date(1_500) };
    expect(resolveQueueSettings(presale, config, 5)).toMatchObject({
      opensAt: 1_000,
      generalOpensAt: 1_500,
      generalShuffleSeed: "6".repeat(64),
    });
  });

  it("prefers the organizer's live values", () => {
    const organizer = {
      ...facts,
      queueMaxActive: 10,
      queueAdmitRatePerSec: 3,
      queueTokenTtlSeconds: 60,
      queueRefuseRatio: 1.5,
    };
    expect(resolveQueueSettings(organizer, config, 5)).toMatchObject({
      maxActive: 10,
      admitRate: 3,
      tokenTtlMs: 60_000,
      refuseRatio: 1.5,
    });
  });

  it("marks an id with no performance as unknown", () => {
    expect(resolveQueueSettings(null, config, 5)).toMatchObject({ known: false, maxActive: 0 });
  });
});
