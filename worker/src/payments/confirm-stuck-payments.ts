import type { HandlerDeps } from "../handlers/deps";
import { recordPaymentApplied } from "../metrics";
import { applyPaymentOnce } from "./apply-payment";

/**
 * Payments the webhook recorded longer than `olderThanMs` ago whose reservation still
 * waits for them: their payment.completed event is stuck behind Kafka or was
 * dead-lettered. Each is applied here straight from PostgreSQL, under the same
 * once-per-payment key as the Kafka handler, so a paid hold never waits on Kafka for ever
 * and is never applied twice. Returns how many were applied now.
 */
export async function confirmStuckPayments(
  deps: HandlerDeps,
  { olderThanMs, batchSize = 50 }: { olderThanMs: number; batchSize?: number },
): Promise<number> {
  const stuck = await deps.prisma.payment.findMany({
    where: {
      status: "COMPLETED",
      createdAt: { lt: new Date(Date.now() - olderThanMs) },
      reservation: { status: "PENDING" },
    },
    select: {
      id: true,
      reservationId: true,
      amountMinor: true,
      currency: true,
      createdAt: true,
    },
    orderBy: { createdAt: "asc" },
    take: batchSize,
  });
  let applied = 0;
  for (const payment of stuck) {
    try {
      const result = await applyPaymentOnce(deps, {
        reservationId: payment.reservationId,
        paymentId: payment.id,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
      });
      if (!result.applied) continue;
      applied++;
      recordPaymentApplied({
        outcome: result.outcome,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        occurredAt: payment.createdAt.toISOString(),
      });
      deps.logger.warn(
        { reservationId: payment.reservationId, paymentId: payment.id, outcome: result.outcome },
        "payment applied by the sweeper: its event did not arrive in time",
      );
    } catch (error) {
      deps.logger.warn({ err: error, paymentId: payment.id }, "stuck payment failed to apply");
    }
  }
  return applied;
}
