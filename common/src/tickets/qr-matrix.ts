import QRCode from "qrcode";

/**
 * A ticket code's QR modules (true = dark), row by row. Error correction M (15 %) survives a
 * scuffed printout or a cracked phone screen; alphanumeric mode, chosen by the library for
 * base32 text, keeps the symbol small (version 7, 45 modules a side, for a ticket code).
 */
export function qrMatrix(text: string): boolean[][] {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return Array.from({ length: modules.size }, (_, row) =>
    Array.from({ length: modules.size }, (_, column) => Boolean(modules.get(row, column))),
  );
}

/** The same modules as an SVG (quiet zone of 4 included), for pages and emails. */
export function qrSvg(text: string, { title }: { title: string }): string {
  const matrix = qrMatrix(text);
  const size = matrix.length + 8;
  let path = "";
  matrix.forEach((cells, row) => {
    cells.forEach((dark, column) => {
      if (dark) path += `M${column + 4} ${row + 4}h1v1h-1z`;
    });
  });
  const escapedTitle = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" role="img" shape-rendering="crispEdges">` +
    `<title>${escapedTitle}</title><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path d="${path}" fill="#000"/></svg>`
  );
}

/** The same symbol as a PNG (6 px a module, quiet zone included), for mail. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { errorCorrectionLevel: "M", type: "png", scale: 6, margin: 4 });
}
