import { decodeBase32, encodeBase32 } from "./base32";

/**
 * A ticket code is what the QR code holds: the claims a door needs (which ticket, which show,
 * which seat) and an Ed25519 signature over them, so a scanner holding only the public key can
 * tell a real ticket from a forged one without the network. Validity (refunded, cancelled,
 * already admitted) is not in the code: it changes after the ticket is printed, so the door
 * learns it from the server or from the list it downloaded.
 *
 * Bytes, then base32 (RFC 4648, no padding):
 *   0        version (1)
 *   1..4     key id: the first 4 bytes of SHA-256 of the raw public key (rotation)
 *   5..20    ticket id (UUID)
 *   21..36   schedule id (UUID): the show
 *   37       seat label length L (1..24), then L bytes of UTF-8
 *   then     64 bytes of Ed25519 signature over every byte before it
 *
 * This file has no Node.js imports: the offline scanner in the browser parses codes with it.
 */
export const TICKET_CODE_VERSION = 1;
export const MAX_SEAT_LABEL_BYTES = 24;
const SIGNATURE_BYTES = 64;
const HEADER_BYTES = 1 + 4 + 16 + 16 + 1;

/** How a seat is named on a ticket and at the door: row and seat number, "R3-12". */
export function seatLabelOf(seat: { row: number; column: number }): string {
  return `R${seat.row}-${seat.column}`;
}

export interface TicketClaims {
  ticketId: string;
  scheduleId: string;
  seatLabel: string;
}

export interface ParsedTicketCode {
  claims: TicketClaims;
  keyId: string;
  signedBytes: Uint8Array;
  signature: Uint8Array;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function uuidBytes(uuid: string): Uint8Array {
  if (!UUID.test(uuid)) throw new Error(`not a lower-case UUID: ${uuid}`);
  return hexBytes(uuid.replaceAll("-", ""));
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function bytesHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function uuidOf(bytes: Uint8Array): string {
  const hex = bytesHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The bytes a signer signs: version, key id and claims. */
export function ticketCodeSignedBytes(claims: TicketClaims, keyIdHex: string): Uint8Array {
  const label = new TextEncoder().encode(claims.seatLabel);
  if (label.length < 1 || label.length > MAX_SEAT_LABEL_BYTES) {
    throw new Error(`a seat label takes 1 to ${MAX_SEAT_LABEL_BYTES} bytes: "${claims.seatLabel}"`);
  }
  if (!/^[0-9a-f]{8}$/.test(keyIdHex)) throw new Error(`not a key id: ${keyIdHex}`);
  const bytes = new Uint8Array(HEADER_BYTES + label.length);
  bytes[0] = TICKET_CODE_VERSION;
  bytes.set(hexBytes(keyIdHex), 1);
  bytes.set(uuidBytes(claims.ticketId), 5);
  bytes.set(uuidBytes(claims.scheduleId), 21);
  bytes[37] = label.length;
  bytes.set(label, HEADER_BYTES);
  return bytes;
}

export function assembleTicketCode(signedBytes: Uint8Array, signature: Uint8Array): string {
  if (signature.length !== SIGNATURE_BYTES) throw new Error("an Ed25519 signature is 64 bytes");
  const bytes = new Uint8Array(signedBytes.length + SIGNATURE_BYTES);
  bytes.set(signedBytes);
  bytes.set(signature, signedBytes.length);
  return encodeBase32(bytes);
}

/**
 * Reads a code's parts without checking the signature; undefined when it is not a ticket
 * code of this version at all. Scanners may lower-case or wrap typed codes: spaces and case
 * are forgiven here, nothing else.
 */
export function parseTicketCode(code: string): ParsedTicketCode | undefined {
  const bytes = decodeBase32(code.replace(/\s+/g, "").toUpperCase());
  if (!bytes || bytes.length < HEADER_BYTES + 1 + SIGNATURE_BYTES) return undefined;
  if (bytes[0] !== TICKET_CODE_VERSION) return undefined;
  const labelLength = bytes[37] ?? 0;
  if (labelLength < 1 || labelLength > MAX_SEAT_LABEL_BYTES) return undefined;
  if (bytes.length !== HEADER_BYTES + labelLength + SIGNATURE_BYTES) return undefined;
  let seatLabel: string;
  try {
    seatLabel = new TextDecoder("utf-8", { fatal: true }).decode(
      bytes.subarray(HEADER_BYTES, HEADER_BYTES + labelLength),
    );
  } catch {
    return undefined;
  }
  const signedBytes = bytes.subarray(0, HEADER_BYTES + labelLength);
  return {
    claims: {
      ticketId: uuidOf(bytes.subarray(5, 21)),
      scheduleId: uuidOf(bytes.subarray(21, 37)),
      seatLabel,
    },
    keyId: bytesHex(bytes.subarray(1, 5)),
    signedBytes,
    signature: bytes.subarray(signedBytes.length),
  };
}
