import { deleteReservations, type TransactionClient } from "../../src/index";

/**
 * Deletes the demo performances with everything under them, including any bookings
 * made while playing with the demo, so re-seeding starts from the same state.
 */
export async function removeDemoCatalog(tx: TransactionClient, slugs: string[]): Promise<void> {
  const onDemoSchedules = { schedule: { performance: { slug: { in: slugs } } } };
  await deleteReservations(tx, onDemoSchedules);
  // Seats go with their schedules; grades with the performance, once no seat uses them.
  await tx.schedule.deleteMany({ where: { performance: { slug: { in: slugs } } } });
  await tx.performance.deleteMany({ where: { slug: { in: slugs } } });
}
