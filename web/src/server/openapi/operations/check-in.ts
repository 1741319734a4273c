import { z } from "zod";
import {
  checkInRequestSchema,
  checkInVerdictSchema,
  doorQuerySchema,
  doorSearchQuerySchema,
  doorStatsSchema,
  doorTicketSchema,
  offlineScanResultsSchema,
  offlineScansSchema,
} from "../../check-in/schemas";
import { dateTime } from "../../http/date-time";
import {
  doorStaffMemberSchema,
  doorStaffParamsSchema,
  grantDoorStaffSchema,
} from "../../staff/schemas";
import type { Operation } from "../operation";

const ticketKeysSchema = z.strictObject({
  keys: z.array(
    z.strictObject({
      keyId: z.string().describe("8 hex digits: the first 4 bytes of SHA-256 of the raw key."),
      publicKey: z.string().describe("The raw 32-byte Ed25519 public key, base64url."),
    }),
  ),
});

export const checkInOperations: Operation[] = [
  {
    method: "post",
    path: "/api/check-in",
    operationId: "checkIn",
    tag: "Check-in",
    summary: "Checks a ticket in at a door: one scan, one verdict",
    description:
      "Give the show the door admits to, the gate's name, and the ticket as exactly one of `code` (the QR code's text), `reference` (the 13 characters printed under it, as typed: case, spaces and dashes do not matter) or `ticketId` (picked from a search). Every verdict answers 200:\n\n" +
      "- `ADMITTED`: first scan; `ticket` says who and which seat, `checkIn` when and where.\n" +
      "- `ALREADY_ADMITTED`: `checkIn` is the earlier admission (its gate and time).\n" +
      "- `WRONG_SHOW`: the ticket is for another show (`ticket.show`).\n" +
      "- `NOT_VALID`: its reservation is no longer confirmed (refunded, cancelled); `reason`.\n" +
      "- `INVALID`: not a ticket of ours (forged, malformed, unknown reference); `reason`.\n\n" +
      "Two gates scanning one ticket at the same instant: exactly one gets `ADMITTED` (the admission is a row keyed by the ticket).",
    access: "door",
    body: checkInRequestSchema,
    answers: { 200: { description: "The verdict.", data: checkInVerdictSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/check-in/search",
    operationId: "searchDoorTickets",
    tag: "Check-in",
    summary: "A show's tickets by holder name or email, or by seat",
    description:
      "`q`: any part of the holder's name or email (any case), or a seat as `R3-12` or `3-12`. At most 20, seat order; tickets of other shows never. Admit one with `POST /api/check-in` and its `ticketId`.",
    access: "door",
    query: doorSearchQuerySchema,
    answers: {
      200: {
        description: "The matching tickets.",
        data: z.strictObject({ tickets: z.array(doorTicketSchema) }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/check-in/stats",
    operationId: "doorStats",
    tag: "Check-in",
    summary: "Admitted against sold for one show, and per gate",
    description: "`sold` counts the show's valid tickets; `admitted` every admission, by gate too.",
    access: "door",
    query: doorQuerySchema,
    answers: { 200: { description: "The figures now.", data: doorStatsSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/check-in/tickets",
    operationId: "listDoorTickets",
    tag: "Check-in",
    summary: "Everything a door needs to admit without the network",
    description:
      "The keys that verify ticket codes and every ticket of the show (valid or not, admitted or not) as of `asOf`. Offline, a door verifies a code's signature with the keys, finds the ticket by id in this list, and keeps its own admissions until it can send them to `POST /api/check-in/sync`.",
    access: "door",
    query: doorQuerySchema,
    answers: {
      200: {
        description: "The list.",
        data: z.strictObject({
          asOf: dateTime,
          keys: ticketKeysSchema.shape.keys,
          tickets: z.array(doorTicketSchema),
        }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "post",
    path: "/api/check-in/sync",
    operationId: "syncOfflineScans",
    tag: "Check-in",
    summary: "Records the admissions a door made offline",
    description:
      "At most 150 scans a request, each `{ ticketId, scannedAt }`; recorded oldest first, at the time they were scanned, as `POST /api/check-in` would have. A result `ALREADY_ADMITTED` names the admission that came first (another gate's, or this one's sent twice): someone may have come in twice on one ticket.",
    access: "door",
    body: offlineScansSchema,
    answers: { 200: { description: "One result per scan.", data: offlineScanResultsSchema } },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "get",
    path: "/api/tickets/keys",
    operationId: "listTicketKeys",
    tag: "Check-in",
    summary: "The public keys that verify ticket codes",
    description:
      "A ticket code is base32 (RFC 4648, no padding) of: version `1` (1 byte), key id (4), ticket id (16), show (schedule) id (16), seat label length L (1 byte, 1–24) and the label in UTF-8 (`R<row>-<seat>`), then an Ed25519 signature (64) over every byte before it. A scanner holding these keys tells a real ticket from a forged one without the network; whether it is still valid or already used it learns from the server.",
    access: "public",
    answers: {
      200: {
        description:
          "Every key whose codes the door admits, the current one (which signs new codes) first, then the previous ones of a rotation (TICKET_SIGNING_KEYS_PREVIOUS). Pick a key by the code's key id; a code whose key id is not listed is INVALID.",
        data: ticketKeysSchema,
      },
    },
    errors: [],
  },
  {
    method: "get",
    path: "/api/admin/staff",
    operationId: "listDoorStaff",
    tag: "Check-in",
    summary: "The accounts with the STAFF role (door staff)",
    access: "organizer",
    answers: {
      200: {
        description: "Door staff, by email.",
        data: z.strictObject({ staff: z.array(doorStaffMemberSchema) }),
      },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
  {
    method: "post",
    path: "/api/admin/staff",
    operationId: "grantDoorStaff",
    tag: "Check-in",
    summary: "Makes an existing buyer's account door staff",
    description:
      "The account must exist (`NOT_FOUND`: they sign up first) and be a buyer; an organizer's account is refused with `CONFLICT` (it can check tickets in already). Granting an account that is staff already changes nothing. The role change ends the account's sessions: they sign in again.",
    access: "organizer",
    body: grantDoorStaffSchema,
    answers: {
      200: {
        description: "The account is door staff.",
        data: z.strictObject({ member: doorStaffMemberSchema }),
      },
    },
    errors: ["NOT_FOUND", "CONFLICT", "SERVICE_UNAVAILABLE"],
  },
  {
    method: "delete",
    path: "/api/admin/staff/{userId}",
    operationId: "revokeDoorStaff",
    tag: "Check-in",
    summary: "Makes door staff a buyer again",
    description: "`NOT_FOUND` unless the account is door staff. Its sessions end.",
    access: "organizer",
    params: doorStaffParamsSchema,
    answers: {
      200: { description: "Revoked.", data: z.strictObject({ revoked: z.uuid() }) },
    },
    errors: ["SERVICE_UNAVAILABLE"],
  },
];
