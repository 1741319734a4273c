import { parseTicketCode, ticketIdRangeOf } from "@ticketping/common/tickets/browser";
import { storeText } from "./use-stored-text";
import type { DoorTicket, Scan, Verdict } from "./verdict";

/** What GET /api/check-in/tickets gave this door, kept in the browser for when the network goes. */
export interface OfflineList {
  asOf: string;
  keys: { keyId: string; publicKey: string }[];
  tickets: DoorTicket[];
}

export interface PendingScan {
  ticketId: string;
  scannedAt: string;
}

const listKey = (scheduleId: string) => `ticketping:door:list:${scheduleId}`;
export const pendingKey = (scheduleId: string) => `ticketping:door:pending:${scheduleId}`;

/** What this door stored itself; unreadable (cleared, edited) reads as nothing stored. */
function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

export const offlineStore = {
  list: (scheduleId: string) => read(listKey(scheduleId)) as OfflineList | null,
  saveList: (scheduleId: string, list: OfflineList) => {
    storeText(listKey(scheduleId), JSON.stringify(list));
  },
  pending: (scheduleId: string) => (read(pendingKey(scheduleId)) as PendingScan[] | null) ?? [],
  savePending: (scheduleId: string, scans: PendingScan[]) => {
    storeText(pendingKey(scheduleId), JSON.stringify(scans));
  },
};

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The code's signature checked with the downloaded keys (WebCrypto's Ed25519). */
async function signedTicketId(code: string, list: OfflineList) {
  const parsed = parseTicketCode(code);
  if (!parsed) return { invalid: "not a ticket code" } as const;
  const key = list.keys.find((candidate) => candidate.keyId === parsed.keyId);
  if (!key) return { invalid: "signed with a key this door does not know" } as const;
  const publicKey = await crypto.subtle.importKey(
    "raw",
    fromBase64url(key.publicKey),
    { name: "Ed25519" },
    false,
    ["verify"],
  );
  const valid = await crypto.subtle.verify(
    { name: "Ed25519" },
    publicKey,
    new Uint8Array(parsed.signature),
    new Uint8Array(parsed.signedBytes),
  );
  if (!valid) return { invalid: "the signature does not match" } as const;
  return { ticketId: parsed.claims.ticketId, scheduleId: parsed.claims.scheduleId } as const;
}

async function ticketOfScan(
  scan: Scan,
  list: OfflineList,
  scheduleId: string,
): Promise<{ verdict: Verdict } | { ticket: DoorTicket | undefined }> {
  if ("code" in scan) {
    const signed = await signedTicketId(scan.code, list);
    if ("invalid" in signed)
      return { verdict: { outcome: "INVALID", reason: signed.invalid } } as const;
    if (signed.scheduleId !== scheduleId) {
      return { verdict: { outcome: "WRONG_SHOW", reason: "This ticket is for another show." } };
    }
    return { ticket: list.tickets.find((ticket) => ticket.id === signed.ticketId) };
  }
  if ("reference" in scan) {
    const range = ticketIdRangeOf(scan.reference);
    const ticket = range
      ? list.tickets.find((candidate) => candidate.id >= range.from && candidate.id <= range.to)
      : undefined;
    return { ticket };
  }
  return { ticket: list.tickets.find((candidate) => candidate.id === scan.ticketId) };
}

/**
 * The verdict this door gives without the network, from its list as of `asOf` and its own
 * admissions since. What it cannot know (another gate's admissions since the download) the
 * sync reports afterwards.
 */
export async function decideOffline({
  scan,
  list,
  pending,
  scheduleId,
  gate,
  now = new Date(),
}: {
  scan: Scan;
  list: OfflineList;
  pending: PendingScan[];
  scheduleId: string;
  gate: string;
  now?: Date;
}): Promise<{ verdict: Verdict; admitted?: PendingScan }> {
  const found = await ticketOfScan(scan, list, scheduleId);
  if ("verdict" in found) return { verdict: { ...found.verdict, offline: true } };
  const { ticket } = found;
  if (!ticket) {
    return {
      verdict: { outcome: "INVALID", reason: "not on this show's list", offline: true },
    };
  }
  const summary = {
    id: ticket.id,
    reference: ticket.reference,
    holderName: ticket.holderName,
    seat: ticket.seat,
    show: { scheduleId, performanceName: "", startsAt: list.asOf },
  };
  if (!ticket.valid) {
    return {
      verdict: {
        outcome: "NOT_VALID",
        ticket: summary,
        reason: "refunded or cancelled",
        offline: true,
      },
    };
  }
  const earlier =
    ticket.checkIn ??
    (pending.some((scan) => scan.ticketId === ticket.id)
      ? { gate, scannedAt: pending.find((scan) => scan.ticketId === ticket.id)?.scannedAt ?? "" }
      : null);
  if (earlier) {
    return {
      verdict: { outcome: "ALREADY_ADMITTED", ticket: summary, checkIn: earlier, offline: true },
    };
  }
  const admitted = { ticketId: ticket.id, scannedAt: now.toISOString() };
  return {
    verdict: {
      outcome: "ADMITTED",
      ticket: summary,
      checkIn: { gate, scannedAt: admitted.scannedAt },
      offline: true,
    },
    admitted,
  };
}
