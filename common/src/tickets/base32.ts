// RFC 4648 base32 without padding: its alphabet lies inside a QR code's alphanumeric mode
// (5.5 bits a character against byte mode's 8), so a ticket's QR code stays small and a code
// read aloud or typed has no case to get wrong.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const VALUE_OF = new Map(Array.from(ALPHABET, (char, value) => [char, value]));

export function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET.charAt((buffer >>> bits) & 31);
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return out;
}

/** Undefined for anything that is not canonical base32 (so one ticket has exactly one code). */
export function decodeBase32(text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = VALUE_OF.get(char);
    if (value === undefined) return undefined;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
    buffer &= (1 << bits) - 1;
  }
  // Leftover bits must be zero padding, and fewer than a whole character.
  if (buffer !== 0 || bits >= 5) return undefined;
  return out;
}
