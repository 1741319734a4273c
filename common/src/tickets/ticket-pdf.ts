import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { QUIET_ZONE, qrMatrix, qrPath } from "./qr-matrix";
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
 * The dark modules as one vector path of merged runs (qrPath): one drawing operation per
 * code, and vector, so it prints sharp at any size.
 */
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
  title = `Tickets: ${show.performanceName}`,
}: {
  show: PrintableShow;
  tickets: readonly PrintableTicket[];
  /** The document's title, in the buyer's language. */
  title?: string;
}): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(title);
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
    // The reference stays out of the quiet zone of 4 modules (of 45 a side; a larger symbol
    // has smaller modules, so its zone fits too).
    const qrBottom = MARGIN + 10 + 12 + (QUIET_ZONE * qrSize) / 45;
    drawQr(page, ticket.code, { x: (WIDTH - qrSize) / 2, y: qrBottom, size: qrSize });
    page.drawText(ticket.reference, {
      x: (WIDTH - bold.widthOfTextAtSize(ticket.reference, 12)) / 2,
      y: MARGIN + 10,
      size: 12,
      font: bold,
    });
  }
  return document.save();
}
