import type { BrokerProbe } from "./broker-probe";

/**
 * A health check for a process whose work comes from a consumer group: up while the
 * consumer is in its group and a broker answers. The consumer's state alone is not enough:
 * it still counts as joined through a broker pause, until its own requests time out.
 */
export function consumerHealthCheck({
  isConsuming,
  probe,
}: {
  isConsuming: () => boolean;
  probe: BrokerProbe;
}): () => Promise<boolean> {
  return async () => isConsuming() && (await probe.isReachable());
}
