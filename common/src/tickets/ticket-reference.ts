import { bytesHex } from "./ticket-code-format";
import { decodeBase32, encodeBase32 } from "./base32";

/**
 * What door staff type when a QR code will not scan: the first 8 bytes of the ticket id in
 * base32, 13 characters, shown on the ticket in groups ("ABCD-EFGH-JKLMN"). Ticket ids are
 * random (v4), so 60 of those 64 bits are unguessable; the server finds the ticket by the id
 * range the prefix spans, and only signed-in staff may ask.
 */
const REFERENCE_BYTES = 8;
const REFERENCE_LENGTH = 13;

export function ticketReferenceOf(ticketId: string): string {
  const hex = ticketId.replaceAll("-", "").slice(0, REFERENCE_BYTES * 2);
  const bytes = Uint8Array.from({ length: REFERENCE_BYTES }, (_, i) =>
    parseInt(hex.slice(i * 2, i * 2 + 2), 16),
  );
  const plain = encodeBase32(bytes);
  return `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}`;
}

/** The smallest and largest ticket id a reference can stand for; undefined if it is none. */
export function ticketIdRangeOf(reference: string): { from: string; to: string } | undefined {
  const plain = reference.replace(/[\s-]+/g, "").toUpperCase();
  if (plain.length !== REFERENCE_LENGTH) return undefined;
  const bytes = decodeBase32(plain);
  if (!bytes || bytes.length !== REFERENCE_BYTES) return undefined;
  const prefix = bytesHex(bytes);
  const uuid = (hex: string) =>
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { from: uuid(prefix + "0".repeat(16)), to: uuid(prefix + "f".repeat(16)) };
}
