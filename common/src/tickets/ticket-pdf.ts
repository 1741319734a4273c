import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from "pdf-lib";
import { qrMatrix } from "./qr-matrix";

export interface PrintableTicket {
  code: string;
  reference: string;
  /** As the buyer reads it, e.g. "Row 3, seat 12". */
  seat: string;
  gradeName: string;
  holderName: string;
}

export interface PrintableShow {
  performanceName: string;
  hallName: string;
  /** Already formatted in the venue's time zone by the caller, e.g. "Sat 1 Mar 2027, 19:30 KST". */
  startsAt: string;
}

// A6 portrait in points: fits a phone screen and a quarter of an A4 sheet.
const WIDTH = 298;
const HEIGHT = 420;
const MARGIN = 20;

/**
 * The PDF 14 standard fonts cover Latin-1 only; a character they lack is written as "?"
 * rather than failing the whole document (an embedded CJK font is a separate change).
 */
function printable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  return Array.from(text, (char) => (supported.has(char.codePointAt(0) ?? 0) ? char : "?")).join(
    "",
  );
}

function drawQr(
  page: PDFPage,
  code: string,
  { x, y, size }: { x: number; y: number; size: number },
) {
  const matrix = qrMatrix(code);
  const module = size / matrix.length;
  matrix.forEach((cells, row) => {
    cells.forEach((dark, column) => {
      if (!dark) return;
      page.drawRectangle({
        x: x + column * module,
        // PDF's y grows upwards; the matrix's rows go down.
        y: y + size - (row + 1) * module,
        width: module,
        height: module,
        color: rgb(0, 0, 0),
      });
    });
  });
}

/** One page per ticket: show, seat, holder, the QR code and the reference under it. */
export async function renderTicketsPdf({
  show,
  tickets,
}: {
  show: PrintableShow;
  tickets: readonly PrintableTicket[];
}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(`Tickets: ${show.performanceName}`);
  document.setProducer("Ticketping");
  const regular = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  for (const ticket of tickets) {
    const page = document.addPage([WIDTH, HEIGHT]);
    const text = (value: string, y: number, size: number, font = regular) => {
      page.drawText(printable(font, value), {
        x: MARGIN,
        y,
        size,
        font,
        maxWidth: WIDTH - 2 * MARGIN,
      });
    };
    text(show.performanceName, HEIGHT - MARGIN - 16, 16, bold);
    text(show.startsAt, HEIGHT - MARGIN - 36, 11);
    text(show.hallName, HEIGHT - MARGIN - 52, 11);
    text(`${ticket.seat} · ${ticket.gradeName}`, HEIGHT - MARGIN - 76, 13, bold);
    text(ticket.holderName, HEIGHT - MARGIN - 92, 10);
    const qrSize = WIDTH - 2 * MARGIN - 40;
    drawQr(page, ticket.code, { x: (WIDTH - qrSize) / 2, y: MARGIN + 30, size: qrSize });
    page.drawText(ticket.reference, {
      x: (WIDTH - bold.widthOfTextAtSize(ticket.reference, 12)) / 2,
      y: MARGIN + 10,
      size: 12,
      font: bold,
    });
  }
  return document.save();
}
