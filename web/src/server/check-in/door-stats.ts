import "server-only";
import { db } from "../db";
import type { DoorStats } from "./schemas";

/** Admitted against sold for one show, and per gate: the door's and the organizer's live figures. */
export async function doorStats({ scheduleId }: { scheduleId: string }): Promise<DoorStats> {
  const [sold, byGate] = await Promise.all([
    db().ticket.count({
      where: {
        scheduleId,
        reservation: { status: "CONFIRMED" },
        reservationSeat: { refundId: null },
      },
    }),
    db().checkIn.groupBy({
      by: ["gate"],
      where: { ticket: { scheduleId } },
      _count: { _all: true },
      orderBy: { gate: "asc" },
    }),
  ]);
  const gates = byGate.map((row) => ({ gate: row.gate, admitted: row._count._all }));
  return { sold, admitted: gates.reduce((sum, gate) => sum + gate.admitted, 0), byGate: gates };
}
