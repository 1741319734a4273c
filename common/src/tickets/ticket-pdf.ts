import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { qrMatrix } from "./qr-matrix";
import { loadTicketFonts, ticketFontFeatures, ticketFontkit } from "./ticket-fonts";

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
 * The embedded font covers Latin and Hangul (Korean titles, halls and names); a character
 * it lacks (e.g. an emoji) is written as "?" rather than as an empty box.
 */
function printable(supported: ReadonlySet<number>, text: string): string {
  return Array.from(text, (char) => (supported.has(char.codePointAt(0) ?? 0) ? char : "?")).join(
    "",
  );
}

/**
 * The dark modules as one vector path, a rectangle per run of dark modules in a row: one
 * drawing operation per code instead of one per module (four times faster to build, and
 * the confirmation mail builds this PDF while payments are being confirmed). Vector, so it
 * prints sharp at any size.
 */
function qrPath(matrix: readonly (readonly boolean[])[]): string {
  let path = "";
  matrix.forEach((cells, row) => {
    for (let start = 0; start < cells.length; start += 1) {
      if (!cells[start]) continue;
      let end = start;
      while (end < cells.length && cells[end]) end += 1;
      path += `M${start} ${row}h${end - start}v1h${start - end}z`;
      start = end;
    }
  });
  return path;
}

function drawQr(
  page: PDFPage,
  code: string,
  { x, y, size }: { x: number; y: number; size: number },
) {
  const matrix = qrMatrix(code);
  // SVG coordinates grow downwards from the given origin: the code's top-left corner.
  page.drawSvgPath(qrPath(matrix), {
    x,
    y: y + size,
    scale: size / matrix.length,
    color: rgb(0, 0, 0),
    borderWidth: 0,
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
  // Subsets: only the glyphs the tickets use are embedded, so a Korean ticket stays tens
  // of kilobytes, not the fonts' megabytes.
  document.registerFontkit(ticketFontkit);
  const fonts = await loadTicketFonts();
  const [regular, bold] = await Promise.all([
    document.embedFont(fonts.regular.bytes, { subset: true, features: ticketFontFeatures }),
    document.embedFont(fonts.bold.bytes, { subset: true, features: ticketFontFeatures }),
  ]);
  const characterSets = new Map<PDFFont, ReadonlySet<number>>([
    [regular, fonts.regular.characters],
    [bold, fonts.bold.characters],
  ]);
  for (const ticket of tickets) {
    const page = document.addPage([WIDTH, HEIGHT]);
    const text = (value: string, y: number, size: number, font = regular) => {
      page.drawText(printable(characterSets.get(font) ?? new Set(), value), {
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
