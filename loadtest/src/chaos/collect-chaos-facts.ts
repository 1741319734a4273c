import { refundRequested } from "@ticketping/common/events";
import type { PrismaClient } from "@ticketping/db";
import type { FaultName } from "./faults";
import type { PlaceTracker } from "./place-tracker";
import type { WebDatabaseProbe } from "./probes";
import type { FaultRecord } from "./run-faults";
import type { ChaosFacts } from "./rules";

/** Reads the chaos checks' facts: payments and the outbox from PostgreSQL, the rest from the run. */
export async function collectChaosFacts({
  prisma,
  scheduleId,
  places,
  faults,
  plannedFaults,
  webProbe,
}: {
  prisma: PrismaClient;
  scheduleId: string;
  places: PlaceTracker;
  faults: FaultRecord[];
  plannedFaults: FaultName[];
  webProbe: WebDatabaseProbe;
}): Promise<ChaosFacts> {
  const [payments, refundRequests, unpublished, total] = await Promise.all([
    prisma.payment.findMany({
      where: { reservation: { scheduleId } },
      select: {
        id: true,
        reservationId: true,
        status: true,
        createdAt: true,
        refundedAt: true,
        reservation: { select: { status: true, holdExpiresAt: true } },
      },
    }),
    // From the outbox, where every refund.requested event is written whatever else records it.
    prisma.outboxEvent.findMany({
      where: { topic: refundRequested.topic },
      select: { payload: true, createdAt: true },
    }),
    prisma.outboxEvent.count({ where: { publishedAt: null } }),
    prisma.outboxEvent.count(),
  ]);
  const requestedAt = new Map<string, Date>();
  for (const event of refundRequests) {
    const paymentId = (event.payload as { payload?: { paymentId?: unknown } }).payload?.paymentId;
    if (typeof paymentId === "string") requestedAt.set(paymentId, event.createdAt);
  }
  const outage = faults.find((fault) => fault.name === "postgres-restarted");
  const outageEnd = outage?.recoveredAt ?? new Date();
  return {
    payments: payments.map((payment) => ({
      id: payment.id,
      reservationId: payment.reservationId,
      status: payment.status,
      recordedAt: payment.createdAt,
      refundRequestedAt: requestedAt.get(payment.id) ?? null,
      refundedAt: payment.refundedAt,
      reservationStatus: payment.reservation.status,
      holdExpiresAt: payment.reservation.holdExpiresAt,
    })),
    outbox: { unpublished, total },
    places: {
      lost: places.lost,
      rejoins: places.rejoins,
      statusChecks: places.statusChecks,
      drops: places.drops,
    },
    faults,
    plannedFaults,
    postgresOutageAnswers: outage
      ? webProbe.answers.filter(
          (answer) => answer.at >= outage.injectedAt.getTime() && answer.at <= outageEnd.getTime(),
        )
      : [],
  };
}
