import { randomBytes, randomUUID } from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { qrMatrix, qrSvg } from "./qr-matrix";
import { renderTicketsPdf } from "./ticket-pdf";
import { createTicketSigner } from "./ticket-signing";
import { ticketReferenceOf } from "./ticket-reference";

const signer = createTicketSigner(randomBytes(32).toString("base64url"));
function ticket(seat: number) {
  const ticketId = randomUUID();
  return {
    code: signer.signTicketCode({ ticketId, scheduleId: randomUUID(), seatLabel: `R3-${seat}` }),
    reference: ticketReferenceOf(ticketId),
    seat: `Row 3, seat ${seat}`,
    gradeName: "VIP",
    holderName: "Demo Buyer 1",
  };
}

describe("printed tickets", () => {
  it("have one page per ticket with the show, seat and reference in their text", async () => {
    const tickets = [ticket(11), ticket(12)];
    const bytes = await renderTicketsPdf({
      show: { performanceName: "Spring Gala", hallName: "Grand Hall", startsAt: "Sat 1 Mar 2027" },
      tickets,
    });
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const document = await PDFDocument.load(bytes);
    expect(document.getPageCount()).toBe(2);
    expect(document.getTitle()).toBe("Tickets: Spring Gala");
  });

  it("write characters the standard font lacks as ? instead of failing", async () => {
    const bytes = await renderTicketsPdf({
      show: { performanceName: "봄 공연", hallName: "Hall", startsAt: "now" },
      tickets: [ticket(1)],
    });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
  });

  it("draw a QR symbol of a ticket code at a small version", () => {
    const matrix = qrMatrix(ticket(1).code);
    // Alphanumeric mode keeps a code at version 7 (45 modules a side); byte mode needs 9 (53).
    expect(matrix.length).toBeLessThanOrEqual(45);
    // The three finder patterns: dark 7x7 corners.
    for (const [row, column] of [
      [0, 0],
      [0, matrix.length - 7],
      [matrix.length - 7, 0],
    ] as const) {
      expect(matrix[row]?.[column]).toBe(true);
      expect(matrix[row + 6]?.[column + 6]).toBe(true);
      expect(matrix[row + 1]?.[column + 1]).toBe(false);
    }
    const svg = qrSvg(ticket(2).code, { title: "Ticket <R3-2>" });
    expect(svg).toContain("<title>Ticket &lt;R3-2&gt;</title>");
  });
});
