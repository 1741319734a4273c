import { randomBytes, randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import type { Locale } from "../i18n";
import { pdfText } from "../testing";
import { reservationTicketsPdf, type PrintableReservation } from "./printable-reservation";
import { createTicketSigner } from "./ticket-signing";

const signer = createTicketSigner(randomBytes(32).toString("base64url"));

const reservationIn = (locale: Locale): PrintableReservation => ({
  reservationId: randomUUID(),
  scheduleId: randomUUID(),
  holderName: "김민준",
  performanceName: "봄의 소리",
  hallName: "세종문화회관",
  startsAt: new Date("2027-01-15T10:30:00Z"),
  timeZone: "Asia/Seoul",
  tickets: [{ id: randomUUID(), row: 3, column: 12, gradeName: "VIP" }],
  locale,
});

/** A page's text as a reader's copy and paste gets it, in one line of single spaces. */
const words = async (bytes: Uint8Array) => (await pdfText(bytes)).replace(/\s+/g, " ");

describe("a reservation's ticket PDF", () => {
  it("speaks the buyer's language: Korean seats, date and title for a Korean account", async () => {
    const bytes = await reservationTicketsPdf(reservationIn("ko"), signer);
    const text = await words(bytes);
    expect(text).toContain("3열 12번 · VIP");
    expect(text).toContain("2027년 1월 15일");
    expect(text).not.toContain("Row 3");
    expect((await PDFDocument.load(bytes)).getTitle()).toBe("티켓: 봄의 소리");
  });

  it("stays English for an English account", async () => {
    const bytes = await reservationTicketsPdf(reservationIn("en"), signer);
    const text = await words(bytes);
    expect(text).toContain("Row 3, seat 12 · VIP");
    expect(text).toContain("15 Jan 2027");
    expect((await PDFDocument.load(bytes)).getTitle()).toBe("Tickets: 봄의 소리");
  });
});
