// The package is CommonJS: Node's ES module loader (Playwright's specs import this folder)
// sees only its default export.
import zxing from "@zxing/library";
import type { GrayImage } from "./pdf-pages";

const { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/**
 * The text of the QR code in a picture, read by ZXing as a phone's scanner reads it (the
 * door page uses the same library); throws when it finds none it can read.
 */
export function readQrCode({ width, height, luma }: GrayImage): string {
  const source = new RGBLuminanceSource(new Uint8ClampedArray(luma), width, height);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}
