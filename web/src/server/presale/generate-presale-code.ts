import "server-only";
import { randomBytes } from "node:crypto";

// Crockford's base 32 without I, L, O, U: nothing a buyer could misread or mistype.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * 16 characters of 5 bits each (80 bits from the CSPRNG), grouped 4-4-4-4 for reading
 * aloud. 80 bits is what lets the database keep a plain SHA-256 of it (see hashPresaleCode).
 */
export function generatePresaleCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let code = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += ALPHABET.charAt((value >> bits) & 31);
    }
  }
  return code.match(/.{4}/g)?.join("-") ?? code;
}
