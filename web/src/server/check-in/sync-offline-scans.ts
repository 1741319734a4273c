import "server-only";
import { checkInTicket } from "./check-in-ticket";
import type { OfflineScanResults } from "./schemas";

/**
 * Records what a door admitted while offline, oldest scan first, each as a check-in at the
 * time it was scanned. A ticket another gate admitted first comes back ALREADY_ADMITTED with
 * that admission: the door reports it (someone got in twice on one ticket).
 *
 * A door whose sync got no answer (the network dropped again, the phone restarted) sends the
 * same scans again: an admission already recorded from this gate at this very scan time is
 * that scan, and comes back ADMITTED again rather than as a duplicate of itself.
 */
export async function syncOfflineScans({
  scheduleId,
  gate,
  staffUserId,
  scans,
}: {
  scheduleId: string;
  gate: string;
  staffUserId: string;
  scans: { ticketId: string; scannedAt: string }[];
}): Promise<OfflineScanResults> {
  const ordered = [...scans].sort((a, b) => a.scannedAt.localeCompare(b.scannedAt));
  const results: OfflineScanResults["results"] = [];
  for (const scan of ordered) {
    const verdict = await checkInTicket({
      scan: { scheduleId, gate, ticketId: scan.ticketId },
      staffUserId,
      scannedAt: new Date(scan.scannedAt),
      offline: true,
    });
    const itself =
      verdict.outcome === "ALREADY_ADMITTED" &&
      verdict.checkIn?.gate === gate &&
      verdict.checkIn.scannedAt.getTime() === Date.parse(scan.scannedAt);
    const outcome = itself ? "ADMITTED" : verdict.outcome;
    results.push({
      ticketId: scan.ticketId,
      outcome,
      ...(verdict.checkIn && outcome === "ALREADY_ADMITTED" ? { checkIn: verdict.checkIn } : {}),
      ...(verdict.reason ? { reason: verdict.reason } : {}),
    });
  }
  return { results };
}
