// The package is CommonJS. Node's ES module loader (Playwright's specs import this folder)
// sees only its default export; a CommonJS caller (tsx in a CommonJS package, such as web's
// fuzz script) sees the named exports and no default. Either shape works here.
import * as zxingModule from "@zxing/library";
import type { GrayImage } from "./pdf-pages";

type ZXing = typeof zxingModule;
const zxing: ZXing = (zxingModule as ZXing & { default?: ZXing }).default ?? zxingModule;
const { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } = zxing;

/**
 * The text of the QR code in a picture, read by ZXing as a phone's scanner reads it (the
 * door page uses the same library); throws when it finds none it can read.
 */
export function readQrCode({ width, height, luma }: GrayImage): string {
  const source = new RGBLuminanceSource(new Uint8ClampedArray(luma), width, height);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
}
