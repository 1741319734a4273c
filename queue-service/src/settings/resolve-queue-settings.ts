import type { QueueSettings } from "@ticketping/common/queue";
import type { QueueServiceConfig } from "../config";
import type { PerformanceSaleFacts } from "./sale-facts";

/** The settings a queue runs with: the organizer's values where set, else the defaults. */
export function resolveQueueSettings(
  facts: PerformanceSaleFacts | null,
  config: QueueServiceConfig,
  now: number,
): QueueSettings {
  const service = {
    claimWindowMs: config.claimWindowMs,
    graceMs: config.graceMs,
    preQueueLeadMs: config.preQueueLeadMs,
    loadedAt: now,
  };
  if (facts === null) {
    return {
      known: false,
      saleStatus: "DRAFT",
      opensAt: 0,
      closesAt: 0,
      maxActive: 0,
      admitRate: 0,
      tokenTtlMs: config.defaults.tokenTtlSeconds * 1_000,
      refuseRatio: 0,
      unsoldSeats: 0,
      shuffleSeed: "",
      generalOpensAt: 0,
      generalShuffleSeed: "",
      ...service,
    };
  }
  return {
    known: true,
    saleStatus: facts.saleStatus,
    opensAt: facts.bookingOpensAt.getTime(),
    closesAt: facts.bookingClosesAt.getTime(),
    maxActive: facts.queueMaxActive ?? config.defaults.maxActive,
    admitRate: facts.queueAdmitRatePerSec ?? config.defaults.admitRatePerSec,
    tokenTtlMs: (facts.queueTokenTtlSeconds ?? config.defaults.tokenTtlSeconds) * 1_000,
    refuseRatio: facts.queueRefuseRatio ?? config.defaults.refuseRatio,
    unsoldSeats: facts.unsoldSeats,
    shuffleSeed: facts.shuffleSeed,
    generalOpensAt: facts.generalSaleOpensAt?.getTime() ?? 0,
    generalShuffleSeed: facts.generalShuffleSeed,
    ...service,
  };
}
