import type { PrismaClient } from "../generated/client";
import { givePresaleUseBack } from "./give-presale-use-back";

/**
 * A hold ended (lapsed, released, its show cancelled): when it was made in a presale turn
 * that is over, and was that turn's last live hold, the turn's use comes back
 * (givePresaleUseBack). Run after the hold's own transaction commits, never inside it: that
 * transaction holds its seats, which a hold being written in the same turn may wait for
 * while holding the use's row. Idempotent, so every report of the end may run it.
 */
export async function giveBackPresaleUseOfReservation(
  prisma: Pick<PrismaClient, "$transaction" | "reservation">,
  { reservationId }: { reservationId: string },
): Promise<boolean> {
  const reservation = await prisma.reservation.findUnique({
    where: { id: reservationId },
    select: { presaleUseId: true, status: true },
  });
  const useId = reservation?.presaleUseId;
  if (!useId || reservation.status === "PENDING") return false;
  return prisma.$transaction((tx) => givePresaleUseBack(tx, { useId }));
}
