import { randomBytes } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReservation } from "@ticketping/db/testing";
import {
  createTicketSigner,
  decodeBase32,
  encodeBase32,
  parseTicketCode,
  seatLabelOf,
  verifyTicketCode,
} from "@ticketping/common/tickets";
import { seedPerformance, testIp } from "./support/catalog-fixtures";
import { signIn, signedInUsers, type SignedInUser } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

interface Verdict {
  outcome: string;
  ticket?: {
    id: string;
    reference: string;
    holderName: string;
    seat: { row: number; column: number; gradeName: string };
    show: { scheduleId: string };
  };
  checkIn?: { gate: string; scannedAt: string };
  reason?: string;
}

interface ListedTicket {
  id: string;
  reference: string;
  code: string;
}

let system: WebTestSystem;
let web: RunningWebServer;
let buyer: SignedInUser;
let staff: SignedInUser;
let organizer: SignedInUser;
let scheduleId: string;
let otherScheduleId: string;
let tickets: ListedTicket[];
let refundedTicket: ListedTicket;

/** A request to the file's server; callAt names another (a server after a key rotation). */
function call(path: string, cookie: string | undefined, body?: unknown) {
  return callAt(web, path, cookie, body);
}

async function callAt(
  server: RunningWebServer,
  path: string,
  cookie: string | undefined,
  body?: unknown,
) {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: unknown; error?: { code: string } },
  };
}

async function scan(scanBody: Record<string, unknown>, cookie = staff.cookie): Promise<Verdict> {
  const { status, body } = await call("/api/check-in", cookie, {
    scheduleId,
    gate: "North",
    ...scanBody,
  });
  expect(status).toBe(200);
  return body.data as Verdict;
}

async function ticketsOf(
  user: SignedInUser,
): Promise<{ id: string; status: string; tickets: ListedTicket[] }[]> {
  const { body } = await call("/api/me/reservations", user.cookie);
  const { reservations } = body.data as {
    reservations: { id: string; status: string; seats: { ticket: ListedTicket | null }[] }[];
  };
  return reservations.map((reservation) => ({
    id: reservation.id,
    status: reservation.status,
    tickets: reservation.seats.flatMap((seat) => (seat.ticket ? [seat.ticket] : [])),
  }));
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_check_in" });
  const prisma = system.prisma;
  web = await system.startWeb();
  [buyer, staff, organizer] = await signedInUsers(prisma, web.baseUrl, [
    { label: "buyer" },
    { label: "door", role: "STAFF" },
    { label: "organizer", role: "ADMIN" },
  ]);
  const performance = await seedPerformance(prisma, {
    name: "Door Night",
    opensInHours: -1,
    showsInHours: [10, 34],
    rows: 2,
    columns: 6,
  });
  const [first, second] = performance.scheduleIds;
  const [seats] = performance.seatIds;
  if (!first || !second || !seats) throw new Error("fixture incomplete");
  [scheduleId, otherScheduleId] = [first, second];
  const seat = (index: number) => seats[index] ?? "";
  await seedReservation(prisma, {
    userId: buyer.id,
    scheduleId,
    seatIds: [seat(0), seat(1), seat(2), seat(3)],
    status: "CONFIRMED",
  });
  const refunded = await seedReservation(prisma, {
    userId: buyer.id,
    scheduleId,
    seatIds: [seat(4)],
    status: "CONFIRMED",
  });
  await prisma.reservation.update({
    where: { id: refunded },
    data: { status: "REFUNDED", statusReason: "Refunded at the buyer's request." },
  });
  await seedReservation(prisma, {
    userId: buyer.id,
    scheduleId,
    seatIds: [seat(5)],
    status: "PENDING",
  });
  const listed = await ticketsOf(buyer);
  tickets = listed.find((reservation) => reservation.status === "CONFIRMED")?.tickets ?? [];
  // A refunded reservation lists no tickets; the door still meets its old printout.
  const refundedRow = await prisma.ticket.findFirstOrThrow({ where: { reservationId: refunded } });
  const refundedSeat = await prisma.seat.findUniqueOrThrow({ where: { id: refundedRow.seatId } });
  refundedTicket = {
    id: refundedRow.id,
    reference: "",
    code: createTicketSigner(system.secrets.tickets).signTicketCode({
      ticketId: refundedRow.id,
      scheduleId,
      seatLabel: seatLabelOf(refundedSeat),
    }),
  };
});

afterAll(async () => {
  await system.stop();
});

describe("tickets", () => {
  it("are issued one per seat of a confirmed reservation, and only of a confirmed one", async () => {
    expect(tickets).toHaveLength(4);
    const listed = await ticketsOf(buyer);
    expect(listed.find((reservation) => reservation.status === "PENDING")?.tickets).toEqual([]);
    expect(listed.find((reservation) => reservation.status === "REFUNDED")?.tickets).toEqual([]);
    for (const ticket of tickets) {
      expect(ticket.reference).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{5}$/);
    }
  });

  it("carry codes that the published key verifies, naming their show and seat", async () => {
    const { body } = await call("/api/tickets/keys", undefined);
    const { keys } = body.data as { keys: { keyId: string; publicKey: string }[] };
    const [first] = tickets;
    if (!first) throw new Error("no ticket");
    const check = verifyTicketCode(first.code, keys);
    expect(check).toMatchObject({ valid: true, claims: { ticketId: first.id, scheduleId } });
    // The same key the server signs with: nothing secret travels.
    expect(keys).toEqual([createTicketSigner(system.secrets.tickets).publicKey]);
  });
});

describe("check-in", () => {
  it("admits a ticket once; its second scan says when and where it was admitted", async () => {
    const [ticket] = tickets;
    if (!ticket) throw new Error("no ticket");
    const first = await scan({ code: ticket.code });
    expect(first).toMatchObject({
      outcome: "ADMITTED",
      ticket: { id: ticket.id, holderName: "buyer", seat: { row: 1, column: 1 } },
      checkIn: { gate: "North" },
    });
    const second = await scan({ code: ticket.code, gate: "South" });
    expect(second).toMatchObject({
      outcome: "ALREADY_ADMITTED",
      checkIn: { gate: "North", scannedAt: first.checkIn?.scannedAt },
    });
  });

  it("finds a ticket by its reference as typed: lower case, spaces for dashes", async () => {
    const ticket = tickets[1];
    if (!ticket) throw new Error("no ticket");
    const typed = ticket.reference.toLowerCase().replaceAll("-", " ");
    expect(await scan({ reference: typed })).toMatchObject({
      outcome: "ADMITTED",
      ticket: { id: ticket.id },
    });
    expect(await scan({ reference: "AAAA-AAAA-AAAAA" })).toMatchObject({ outcome: "INVALID" });
  });

  it("turns away a ticket for another show, and leaves it unused for its own", async () => {
    const ticket = tickets[2];
    if (!ticket) throw new Error("no ticket");
    const { body } = await call("/api/check-in", staff.cookie, {
      scheduleId: otherScheduleId,
      gate: "North",
      code: ticket.code,
    });
    expect(body.data).toMatchObject({ outcome: "WRONG_SHOW", ticket: { show: { scheduleId } } });
    expect(await scan({ code: ticket.code })).toMatchObject({ outcome: "ADMITTED" });
  });

  it("refuses a refunded ticket as no longer valid, with the reason", async () => {
    expect(await scan({ code: refundedTicket.code })).toMatchObject({
      outcome: "NOT_VALID",
      reason: expect.stringContaining("refunded") as unknown,
    });
  });

  it("calls forged, altered and foreign codes invalid", async () => {
    const ticket = tickets[3];
    if (!ticket) throw new Error("no ticket");
    const forger = createTicketSigner(randomBytes(32).toString("base64url"));
    const forged = forger.signTicketCode({ ticketId: ticket.id, scheduleId, seatLabel: "R1-4" });
    const bytes = decodeBase32(ticket.code) ?? new Uint8Array();
    bytes[40] = (bytes[40] ?? 0) ^ 1; // one bit of the seat label
    for (const code of [forged, encodeBase32(bytes), "HELLO", "https://example.com/"]) {
      expect(await scan({ code })).toMatchObject({ outcome: "INVALID" });
    }
    // None of that used the real ticket up.
    expect(await scan({ ticketId: ticket.id })).toMatchObject({ outcome: "ADMITTED" });
  });

  it("admits exactly once when four gates scan one ticket at the same instant", async () => {
    const [row] = await system.prisma.seat.findMany({
      where: { scheduleId: otherScheduleId },
      take: 1,
    });
    if (!row) throw new Error("no seat");
    await seedReservation(system.prisma, {
      userId: buyer.id,
      scheduleId: otherScheduleId,
      seatIds: [row.id],
      status: "CONFIRMED",
    });
    const ticket = await system.prisma.ticket.findFirstOrThrow({ where: { seatId: row.id } });
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        call("/api/check-in", staff.cookie, {
          scheduleId: otherScheduleId,
          gate: `Gate ${index % 4}`,
          ticketId: ticket.id,
        }).then(({ body }) => body.data as Verdict),
      ),
    );
    const admitted = verdicts.filter((verdict) => verdict.outcome === "ADMITTED");
    expect(admitted).toHaveLength(1);
    const already = verdicts.filter((verdict) => verdict.outcome === "ALREADY_ADMITTED");
    expect(already).toHaveLength(11);
    for (const verdict of already) expect(verdict.checkIn?.gate).toBe(admitted[0]?.checkIn?.gate);
    expect(await system.prisma.checkIn.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("is for door staff and the organizer only", async () => {
    const ticketId = tickets[0]?.id;
    const asBuyer = await call("/api/check-in", buyer.cookie, { scheduleId, gate: "N", ticketId });
    expect(asBuyer).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const anonymous = await call("/api/check-in", undefined, { scheduleId, gate: "N", ticketId });
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const asOrganizer = await call("/api/check-in", organizer.cookie, {
      scheduleId,
      gate: "N",
      ticketId,
    });
    expect(asOrganizer.body.data).toMatchObject({ outcome: "ALREADY_ADMITTED" });
  });

  it("refuses a scan that names its ticket twice or not at all", async () => {
    const [ticket] = tickets;
    for (const body of [
      { scheduleId, gate: "N" },
      { scheduleId, gate: "N", code: ticket?.code, ticketId: ticket?.id },
      { scheduleId, gate: "", ticketId: ticket?.id },
      { scheduleId, gate: "N\u0000", ticketId: ticket?.id },
    ]) {
      const answer = await call("/api/check-in", staff.cookie, body);
      expect(answer).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    }
  });
});

describe("door staff", () => {
  it("are named by the organizer from existing accounts, check in once signed in again, and can be removed", async () => {
    const [newcomer] = await signedInUsers(system.prisma, web.baseUrl, [{ label: "newcomer" }]);
    const ticketId = tickets[0]?.id;
    const door = { scheduleId, gate: "East", ticketId };
    expect((await call("/api/check-in", newcomer.cookie, door)).status).toBe(403);

    const granted = await call("/api/admin/staff", organizer.cookie, { email: newcomer.email });
    expect(granted).toMatchObject({ status: 200, body: { data: { member: { id: newcomer.id } } } });
    const listed = await call("/api/admin/staff", organizer.cookie);
    expect((listed.body.data as { staff: { id: string }[] }).staff.map((m) => m.id)).toContain(
      newcomer.id,
    );
    // The role change ended the old session; a new one carries the role.
    expect((await call("/api/check-in", newcomer.cookie, door)).status).toBe(401);
    const staffCookie = await signIn(web.baseUrl, { ...newcomer, ip: testIp() });
    expect((await call("/api/check-in", staffCookie, door)).body.data).toMatchObject({
      outcome: "ALREADY_ADMITTED",
    });

    const revoked = await fetch(`${web.baseUrl}/api/admin/staff/${newcomer.id}`, {
      method: "DELETE",
      headers: { cookie: organizer.cookie },
    });
    expect(revoked.status).toBe(200);
    const again = await signIn(web.baseUrl, { ...newcomer, ip: testIp() });
    expect((await call("/api/check-in", again, door)).status).toBe(403);
  });

  it("cannot be named by anyone but the organizer, nor from an organizer or a stranger", async () => {
    const asStaff = await call("/api/admin/staff", staff.cookie, { email: buyer.email });
    expect(asStaff).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const anOrganizer = await call("/api/admin/staff", organizer.cookie, {
      email: organizer.email,
    });
    expect(anOrganizer).toMatchObject({ status: 409, body: { error: { code: "CONFLICT" } } });
    const nobody = await call("/api/admin/staff", organizer.cookie, {
      email: "nobody@test.invalid",
    });
    expect(nobody).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    const notStaff = await fetch(`${web.baseUrl}/api/admin/staff/${buyer.id}`, {
      method: "DELETE",
      headers: { cookie: organizer.cookie },
    });
    expect(notStaff.status).toBe(404);
  });
});

describe("ticket files", () => {
  async function download(path: string, cookie: string | undefined) {
    const response = await fetch(`${web.baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  it("give the buyer a PDF with a page per ticket and the show as a calendar event", async () => {
    const listed = await ticketsOf(buyer);
    const confirmed = listed.find((reservation) => reservation.status === "CONFIRMED");
    if (!confirmed) throw new Error("no confirmed reservation");
    const pdf = await download(`/api/reservations/${confirmed.id}/tickets.pdf`, buyer.cookie);
    expect(pdf.response.status).toBe(200);
    expect(pdf.response.headers.get("content-type")).toBe("application/pdf");
    expect((await PDFDocument.load(pdf.bytes)).getPageCount()).toBe(confirmed.tickets.length);

    const ics = await download(`/api/reservations/${confirmed.id}/calendar.ics`, buyer.cookie);
    expect(ics.response.headers.get("content-type")).toMatch(/^text\/calendar/);
    const text = new TextDecoder().decode(ics.bytes).replace(/\r\n /g, "");
    expect(text).toContain("SUMMARY:Door Night");
    expect(text).toContain(`UID:${confirmed.id}@ticketping`);
    expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);
  });

  it("are nobody else's, and exist only while the reservation is confirmed", async () => {
    const listed = await ticketsOf(buyer);
    const confirmed = listed.find((reservation) => reservation.status === "CONFIRMED");
    const pending = listed.find((reservation) => reservation.status === "PENDING");
    if (!confirmed || !pending) throw new Error("fixture incomplete");
    for (const file of ["tickets.pdf", "calendar.ics"]) {
      const asStaff = await download(`/api/reservations/${confirmed.id}/${file}`, staff.cookie);
      expect(asStaff.response.status).toBe(404);
      const ofPending = await download(`/api/reservations/${pending.id}/${file}`, buyer.cookie);
      expect(ofPending.response.status).toBe(404);
      const anonymous = await download(`/api/reservations/${confirmed.id}/${file}`, undefined);
      expect(anonymous.response.status).toBe(401);
    }
  });
});

describe("the door's search, figures and offline list", () => {
  interface Row {
    id: string;
    holderName: string;
    seat: { row: number; column: number };
    valid: boolean;
    checkIn: { gate: string } | null;
  }

  it("finds a show's tickets by holder name, email or seat, and no other show's", async () => {
    const byName = await call(`/api/check-in/search?scheduleId=${scheduleId}&q=BUY`, staff.cookie);
    const rows = (byName.body.data as { tickets: Row[] }).tickets;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((row) => row.holderName === "buyer")).toBe(true);
    const byEmail = await call(
      `/api/check-in/search?scheduleId=${scheduleId}&q=${encodeURIComponent(buyer.email)}`,
      staff.cookie,
    );
    expect((byEmail.body.data as { tickets: Row[] }).tickets).toHaveLength(rows.length);
    const bySeat = await call(`/api/check-in/search?scheduleId=${scheduleId}&q=R1-2`, staff.cookie);
    expect((bySeat.body.data as { tickets: Row[] }).tickets.map((row) => row.seat)).toEqual([
      { row: 1, column: 2, gradeName: expect.any(String) as unknown },
    ]);
    const elsewhere = await call(
      `/api/check-in/search?scheduleId=${otherScheduleId}&q=R1-2`,
      staff.cookie,
    );
    expect((elsewhere.body.data as { tickets: Row[] }).tickets).toEqual([]);
    const asBuyer = await call(
      `/api/check-in/search?scheduleId=${scheduleId}&q=buyer`,
      buyer.cookie,
    );
    expect(asBuyer.status).toBe(403);
  });

  it("counts admitted against sold, per gate", async () => {
    const { body } = await call(`/api/check-in/stats?scheduleId=${scheduleId}`, staff.cookie);
    const stats = body.data as {
      sold: number;
      admitted: number;
      byGate: { gate: string; admitted: number }[];
    };
    const admitted = await system.prisma.checkIn.count({ where: { ticket: { scheduleId } } });
    // Four confirmed seats; the refunded one no longer counts as sold.
    expect(stats.sold).toBe(4);
    expect(stats.admitted).toBe(admitted);
    expect(stats.byGate.reduce((sum, gate) => sum + gate.admitted, 0)).toBe(admitted);
  });

  it("lets a door admit offline, report once back a ticket another gate admitted first, and sync the same scans again safely", async () => {
    const { body } = await call(
      `/api/check-in/tickets?scheduleId=${otherScheduleId}`,
      staff.cookie,
    );
    const list = body.data as { keys: unknown[]; tickets: Row[] };
    expect(list.keys).toEqual([createTicketSigner(system.secrets.tickets).publicKey]);
    // Two new tickets for the other show: one the online gate also admits meanwhile.
    const free = await system.prisma.seat.findMany({
      where: { scheduleId: otherScheduleId, holds: { none: {} } },
      take: 2,
    });
    await seedReservation(system.prisma, {
      userId: buyer.id,
      scheduleId: otherScheduleId,
      seatIds: free.map((seat) => seat.id),
      status: "CONFIRMED",
    });
    const [first, second] = await system.prisma.ticket.findMany({
      where: { seatId: { in: free.map((seat) => seat.id) } },
      orderBy: { id: "asc" },
    });
    if (!first || !second) throw new Error("no tickets");
    const online = await call("/api/check-in", staff.cookie, {
      scheduleId: otherScheduleId,
      gate: "Online gate",
      ticketId: second.id,
    });
    expect(online.body.data).toMatchObject({ outcome: "ADMITTED" });
    const scannedAt = new Date(Date.now() - 60_000).toISOString();
    const synced = await call("/api/check-in/sync", staff.cookie, {
      scheduleId: otherScheduleId,
      gate: "Offline gate",
      scans: [
        { ticketId: first.id, scannedAt },
        { ticketId: second.id, scannedAt },
      ],
    });
    const { results } = synced.body.data as {
      results: { ticketId: string; outcome: string; checkIn?: { gate: string } }[];
    };
    expect(results).toEqual([
      { ticketId: first.id, outcome: "ADMITTED" },
      {
        ticketId: second.id,
        outcome: "ALREADY_ADMITTED",
        checkIn: { gate: "Online gate", scannedAt: expect.any(String) as unknown },
      },
    ]);
    const recorded = await system.prisma.checkIn.findUniqueOrThrow({
      where: { ticketId: first.id },
    });
    expect(recorded).toMatchObject({ gate: "Offline gate", offline: true });
    expect(recorded.scannedAt.toISOString()).toBe(scannedAt);

    // The door never got that answer and sends the same scans again: its own admission is
    // not a duplicate of itself; the other gate's still is.
    const again = await call("/api/check-in/sync", staff.cookie, {
      scheduleId: otherScheduleId,
      gate: "Offline gate",
      scans: [
        { ticketId: first.id, scannedAt },
        { ticketId: second.id, scannedAt },
      ],
    });
    expect((again.body.data as { results: unknown[] }).results).toEqual(results);
    // The same ticket from another offline gate, or scanned later at this one, is a duplicate.
    const elsewhere = await call("/api/check-in/sync", staff.cookie, {
      scheduleId: otherScheduleId,
      gate: "Side gate",
      scans: [{ ticketId: first.id, scannedAt }],
    });
    const later = await call("/api/check-in/sync", staff.cookie, {
      scheduleId: otherScheduleId,
      gate: "Offline gate",
      scans: [{ ticketId: first.id, scannedAt: new Date().toISOString() }],
    });
    for (const answer of [elsewhere, later]) {
      expect((answer.body.data as { results: unknown[] }).results).toEqual([
        {
          ticketId: first.id,
          outcome: "ALREADY_ADMITTED",
          checkIn: { gate: "Offline gate", scannedAt },
        },
      ]);
    }
    expect(await system.prisma.checkIn.count({ where: { ticketId: first.id } })).toBe(1);
  });
});

describe("a ticket signing key rotation", () => {
  it("admits codes of the previous key, signs new codes with the new one and lists both keys; a removed key's codes are invalid", async () => {
    const previous = createTicketSigner(system.secrets.tickets);
    const next = createTicketSigner(randomBytes(32).toString("hex"));
    const nextSecret = randomBytes(32).toString("hex");
    const current = createTicketSigner(nextSecret);
    const seats = await system.prisma.seat.findMany({
      where: { scheduleId, holds: { none: {} }, tickets: { none: {} } },
      orderBy: [{ row: "asc" }, { column: "asc" }],
      take: 3,
    });
    const reservationId = await seedReservation(system.prisma, {
      userId: buyer.id,
      scheduleId,
      seatIds: seats.map((seat) => seat.id),
      status: "CONFIRMED",
    });
    // Codes as buyers hold them: issued before the rotation, signed by the previous key.
    const issued = (await ticketsOf(buyer)).find((r) => r.id === reservationId)?.tickets ?? [];
    const [kept, reissued, stranded] = issued;
    if (!kept || !reissued || !stranded) throw new Error("no tickets");
    expect(parseTicketCode(kept.code)?.keyId).toBe(previous.publicKey.keyId);

    const rotated = await system.startWeb({
      env: {
        TICKET_SIGNING_KEY: nextSecret,
        // Another retired key beside it: any number of previous keys, comma-separated.
        TICKET_SIGNING_KEYS_PREVIOUS: `${previous.publicKey.publicKey}, ${next.publicKey.publicKey}`,
      },
    });
    const keys = await callAt(rotated, "/api/tickets/keys", undefined);
    expect((keys.body.data as { keys: unknown }).keys).toEqual([
      current.publicKey,
      previous.publicKey,
      next.publicKey,
    ]);
    const door = await callAt(
      rotated,
      `/api/check-in/tickets?scheduleId=${scheduleId}`,
      staff.cookie,
    );
    expect((door.body.data as { keys: unknown }).keys).toEqual(
      (keys.body.data as { keys: unknown }).keys,
    );

    const scanAt = async (server: RunningWebServer, code: string) => {
      const { status, body } = await callAt(server, "/api/check-in", staff.cookie, {
        scheduleId,
        gate: "Rotation gate",
        code,
      });
      expect(status).toBe(200);
      return body.data as Verdict;
    };
    expect(await scanAt(rotated, kept.code)).toMatchObject({
      outcome: "ADMITTED",
      ticket: { id: kept.id },
    });
    // My tickets now shows the same ticket under a code of the current key, also admitted.
    const [rotatedListing] = await (async () => {
      const { body } = await callAt(rotated, "/api/me/reservations", buyer.cookie);
      const { reservations } = body.data as {
        reservations: { id: string; seats: { ticket: ListedTicket | null }[] }[];
      };
      return reservations
        .filter((reservation) => reservation.id === reservationId)
        .flatMap((reservation) =>
          reservation.seats.flatMap((seat) => (seat.ticket ? [seat.ticket] : [])),
        )
        .filter((ticket) => ticket.id === reissued.id);
    })();
    if (!rotatedListing) throw new Error("the rotated server lists no such ticket");
    expect(parseTicketCode(rotatedListing.code)?.keyId).toBe(current.publicKey.keyId);
    expect(await scanAt(rotated, rotatedListing.code)).toMatchObject({ outcome: "ADMITTED" });

    // The previous key removed from the list: its codes are no longer ours.
    const retired = await system.startWeb({ env: { TICKET_SIGNING_KEY: nextSecret } });
    const refused = await scanAt(retired, stranded.code);
    expect(refused).toEqual({
      outcome: "INVALID",
      reason: "the code is not a ticket of ours (UNKNOWN_KEY)",
    });
    expect(await system.prisma.checkIn.count({ where: { ticketId: stranded.id } })).toBe(0);
    const retiredKeys = await callAt(retired, "/api/tickets/keys", undefined);
    expect((retiredKeys.body.data as { keys: unknown }).keys).toEqual([current.publicKey]);
  });
});
