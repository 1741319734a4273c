import QRCode, { type QRCodeMaskPattern } from "qrcode";
import { createBoundedCache } from "../cache/bounded-cache";
import { countFinderLookalikes } from "./finder-lookalikes";
import { scannerReadsAtEverySize } from "./qr-scannable";

const ERROR_CORRECTION = "M";
const MASK_PATTERNS: readonly QRCodeMaskPattern[] = [0, 1, 2, 3, 4, 5, 6, 7];
/** Modules of light around the symbol, as the QR standard asks. */
export const QUIET_ZONE = 4;

interface QrSymbol {
  modules: boolean[][];
  maskPattern: QRCodeMaskPattern;
}

function symbolOf(text: string, maskPattern?: QRCodeMaskPattern): QrSymbol {
  const { modules, maskPattern: chosen } = QRCode.create(text, {
    errorCorrectionLevel: ERROR_CORRECTION,
    maskPattern,
  });
  return {
    modules: Array.from({ length: modules.size }, (_, row) =>
      Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))),
    ),
    maskPattern: chosen as QRCodeMaskPattern,
  };
}

/**
 * Symbols built lately: the mail draws a code twice (PDF and PNG) within moments, and My
 * tickets draws the same codes on every visit; choosing one costs far more than keeping it.
 */
const recentSymbols = createBoundedCache<string, QrSymbol>({ maxEntries: 4_096 });

/**
 * The symbol every drawing of a ticket code uses (any mask decodes to the same text): of the
 * masks the door's scanner reads at every size, the one with the fewest finder-pattern
 * look-alikes, the library's choice (lowest penalty score) first among equals; if none
 * reads everywhere, the one with the fewest look-alikes. Measured through the PDF (random
 * codes, scripts/qr-probe.ts): at 150 dpi the library's choice read 259 of 300, this choice
 * 297 and 294 of 300; at 300 dpi 85 and 96 of 100. It lowers the risk without removing it,
 * and costs about 35 times the library's own symbol (some 120 ms a code on a busy machine).
 */
function ticketSymbol(text: string): QrSymbol {
  const recent = recentSymbols.get(text);
  if (recent) return recent;
  const preferred = symbolOf(text);
  const candidates = [
    preferred,
    ...MASK_PATTERNS.filter((mask) => mask !== preferred.maskPattern).map((mask) =>
      symbolOf(text, mask),
    ),
  ]
    .map((symbol) => ({ symbol, lookalikes: countFinderLookalikes(symbol.modules) }))
    .sort((a, b) => a.lookalikes - b.lookalikes);
  const chosen = (
    candidates.find(({ symbol }) => scannerReadsAtEverySize(symbol.modules, text, QUIET_ZONE)) ??
    candidates[0] ?? { symbol: preferred }
  ).symbol;
  recentSymbols.set(text, chosen);
  return chosen;
}

/**
 * A ticket code's QR modules (true = dark), row by row. Error correction M (15 %) survives a
 * scuffed printout or a cracked phone screen; alphanumeric mode, chosen by the library for
 * base32 text, keeps the symbol small (version 7, 45 modules a side, for a ticket code).
 */
export function qrMatrix(text: string): boolean[][] {
  return ticketSymbol(text).modules;
}

/**
 * The dark modules as one path, a rectangle per run of dark modules in a row, offset by
 * `margin` modules: neighbours share no edge a rasteriser could leave a seam in, and one
 * drawing operation per code is quicker to build than one per module.
 */
export function qrPath(matrix: readonly (readonly boolean[])[], margin = 0): string {
  let path = "";
  matrix.forEach((cells, row) => {
    for (let start = 0; start < cells.length; start += 1) {
      if (!cells[start]) continue;
      let end = start;
      while (end < cells.length && cells[end]) end += 1;
      path += `M${start + margin} ${row + margin}h${end - start}v1h${start - end}z`;
      start = end;
    }
  });
  return path;
}

/** The same symbol as an SVG (quiet zone included), for pages and emails. */
export function qrSvg(text: string, { title }: { title: string }): string {
  const matrix = qrMatrix(text);
  const size = matrix.length + 2 * QUIET_ZONE;
  const escapedTitle = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" shape-rendering="crispEdges">` +
    `<title>${escapedTitle}</title><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path d="${qrPath(matrix, QUIET_ZONE)}" fill="#000"/></svg>`
  );
}

/** The same symbol as a PNG (6 px a module, quiet zone included), for mail. */
export function qrPng(text: string): Promise<Buffer> {
  const { maskPattern } = ticketSymbol(text);
  return QRCode.toBuffer(text, {
    errorCorrectionLevel: ERROR_CORRECTION,
    maskPattern,
    type: "png",
    scale: 6,
    margin: QUIET_ZONE,
  });
}
