import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32 } from "./base32";

describe("base32", () => {
  it("matches RFC 4648's test vectors (without padding)", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(Buffer.from(plain))).toBe(encoded);
      expect(Buffer.from(decodeBase32(encoded) ?? []).toString()).toBe(plain);
    }
  });

  it("round-trips random bytes of every length up to 130", () => {
    for (let length = 0; length <= 130; length++) {
      const bytes = randomBytes(length);
      expect(Buffer.from(decodeBase32(encodeBase32(bytes)) ?? [])).toEqual(bytes);
    }
  });

  it("refuses lower case, padding, foreign characters and non-canonical tails", () => {
    expect(decodeBase32("mzxw6")).toBeUndefined();
    expect(decodeBase32("MY======")).toBeUndefined();
    expect(decodeBase32("MZ0W6")).toBeUndefined();
    // "MZ" leaves non-zero padding bits: "MY" is the one encoding of "f".
    expect(decodeBase32("MZ")).toBeUndefined();
    // A single character is fewer than 8 bits and cannot be a whole byte.
    expect(decodeBase32("M")).toBeUndefined();
  });
});
