// The door's verdict as the API answers it (web/README.md, Check-in), shared by the online
// and the offline paths.
export type Outcome = "ADMITTED" | "ALREADY_ADMITTED" | "WRONG_SHOW" | "NOT_VALID" | "INVALID";

export interface Verdict {
  outcome: Outcome;
  ticket?: {
    id: string;
    reference: string;
    holderName: string;
    seat: { row: number; column: number; gradeName: string };
    show: { scheduleId: string; performanceName: string; startsAt: string };
  };
  checkIn?: { gate: string; scannedAt: string };
  reason?: string;
  /** Decided by this device without the network; recorded on the server at the next sync. */
  offline?: boolean;
}

export interface DoorTicket {
  id: string;
  reference: string;
  holderName: string;
  seat: { row: number; column: number; gradeName: string };
  valid: boolean;
  checkIn: { gate: string; scannedAt: string } | null;
}

/** A scan as typed or read: the QR code's text, a reference, or a ticket picked from a search. */
export type Scan = { code: string } | { reference: string } | { ticketId: string };

/** Thirteen base32 characters, however grouped: a reference; anything else is a code. */
export function scanOfTyped(text: string): Scan {
  const plain = text.replace(/[\s-]+/g, "");
  return /^[A-Za-z2-7]{13}$/.test(plain) ? { reference: text.trim() } : { code: text.trim() };
}
