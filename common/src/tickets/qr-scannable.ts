// The package is CommonJS: Node's ES module loader sees only its default export, a CommonJS
// caller only the named ones (see testing/read-qr-code.ts).
import * as zxingModule from "@zxing/library";

type ZXing = typeof zxingModule;
const zxing: ZXing = (zxingModule as ZXing & { default?: ZXing }).default ?? zxingModule;
const { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/**
 * Pixels a module at which a symbol must read: a phone camera's few pixels, the mail's
 * PNG (6), the printed PDF at 150 dpi (about 10.1). ZXing's verdict on a symbol changes with
 * the size and position it is seen at; these are samples, not a proof. Larger sizes (12.5,
 * 20.2) cost more than all of these together and read no more codes in a probe.
 */
const PIXELS_PER_MODULE = [3, 4, 5, 6, 8, 10.09];

/** Light above the symbol, in pixels: which rows the scanner's sampled lines cross. */
const SHIFTS = [0, 1, 2];

function picture(
  matrix: readonly (readonly boolean[])[],
  { scale, shift, quietZone }: { scale: number; shift: number; quietZone: number },
) {
  const side = Math.ceil((matrix.length + 2 * quietZone) * scale) + shift;
  const luma = new Uint8ClampedArray(side * side).fill(255);
  for (let y = shift; y < side; y += 1) {
    const row = matrix[Math.floor((y - shift) / scale) - quietZone];
    if (!row) continue;
    for (let x = 0; x < side; x += 1) {
      if (row[Math.floor(x / scale) - quietZone]) luma[y * side + x] = 0;
    }
  }
  return new RGBLuminanceSource(luma, side, side);
}

/**
 * Whether ZXing, the door page's scanner, reads `text` back from the symbol drawn crisply
 * at each size in PIXELS_PER_MODULE and each of SHIFTS. It misses some valid symbols: it
 * keeps the three finder-pattern candidates crossed by the most scanned rows, and a shape
 * in the data that passes its checks (it skips the diagonal one its Java original makes)
 * can outnumber a real corner.
 */
export function scannerReadsAtEverySize(
  matrix: readonly (readonly boolean[])[],
  text: string,
  quietZone: number,
): boolean {
  return PIXELS_PER_MODULE.every((scale) =>
    SHIFTS.every((shift) => {
      try {
        const source = picture(matrix, { scale, shift, quietZone });
        return (
          new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText() ===
          text
        );
      } catch {
        return false;
      }
    }),
  );
}
