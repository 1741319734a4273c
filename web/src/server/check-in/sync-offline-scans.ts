import "server-only";
import { checkInTicket } from "./check-in-ticket";
import type { OfflineScanResults } from "./schemas";

/**
 * Records what a door admitted while offline, oldest scan first, each as a check-in at the
 * time it was scanned. A ticket another gate admitted first comes back ALREADY_ADMITTED with
 * that admission: the door reports it (someone got in twice on one ticket).
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
    results.push({
      ticketId: scan.ticketId,
      outcome: verdict.outcome,
      ...(verdict.checkIn && verdict.outcome === "ALREADY_ADMITTED"
        ? { checkIn: verdict.checkIn }
        : {}),
      ...(verdict.reason ? { reason: verdict.reason } : {}),
    });
  }
  return { results };
}
