import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeBase32, encodeBase32 } from "./base32";
import { parseTicketCode } from "./ticket-code-format";
import { createTicketSigner, createTicketSignerFromSeed, verifyTicketCode } from "./ticket-signing";

const seed = () => randomBytes(32).toString("base64url");
const claims = { ticketId: randomUUID(), scheduleId: randomUUID(), seatLabel: "R12-34" };

describe("ticket codes", () => {
  it("derive RFC 8032's public key from its secret key (test 1), so the seed wrapping is right", () => {
    const signer = createTicketSignerFromSeed(
      Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex"),
    );
    expect(Buffer.from(signer.publicKey.publicKey, "base64url").toString("hex")).toBe(
      "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
    );
  });

  it("come from the secret alone: the same secret, the same key; another, another", () => {
    const secret = seed();
    expect(createTicketSigner(secret).publicKey).toEqual(createTicketSigner(secret).publicKey);
    expect(createTicketSigner(seed()).publicKey).not.toEqual(createTicketSigner(secret).publicKey);
  });

  it("verify with the public key alone and give back the claims", () => {
    const signer = createTicketSigner(seed());
    const code = signer.signTicketCode(claims);
    expect(verifyTicketCode(code, [signer.publicKey])).toEqual({ valid: true, claims });
    // Typed codes come back lower-cased and grouped.
    const typed = code.toLowerCase().replace(/(.{8})/g, "$1 ");
    expect(verifyTicketCode(typed, [signer.publicKey])).toEqual({ valid: true, claims });
  });

  it("fit a small QR code: under 190 characters of the alphanumeric alphabet", () => {
    const code = createTicketSigner(seed()).signTicketCode({
      ...claims,
      seatLabel: "VIP 2층 R12-34",
    });
    expect(code).toMatch(/^[A-Z2-7]+$/);
    expect(code.length).toBeLessThan(190);
  });

  it("refuse a code signed by a key the door does not trust, even with a copied key id", () => {
    const door = createTicketSigner(seed());
    const forger = createTicketSigner(seed());
    const forged = forger.signTicketCode(claims);
    expect(verifyTicketCode(forged, [door.publicKey])).toEqual({
      valid: false,
      reason: "UNKNOWN_KEY",
    });
    // The forger stamps the door's key id on its own signature.
    const parsed = parseTicketCode(forged);
    if (!parsed) throw new Error("unparsable");
    const bytes = decodeBase32(forged) ?? new Uint8Array();
    bytes.set(Buffer.from(door.publicKey.keyId, "hex"), 1);
    expect(verifyTicketCode(encodeBase32(bytes), [door.publicKey])).toEqual({
      valid: false,
      reason: "BAD_SIGNATURE",
    });
  });

  it("refuse every single-bit change: another seat, show or ticket is never valid", () => {
    const signer = createTicketSigner(seed());
    const bytes = decodeBase32(signer.signTicketCode(claims)) ?? new Uint8Array();
    let refused = 0;
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const changed = Uint8Array.from(bytes);
      changed[bit >> 3] = (changed[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const check = verifyTicketCode(encodeBase32(changed), [signer.publicKey]);
      if (!check.valid) refused++;
    }
    expect(refused).toBe(bytes.length * 8);
  });

  it("call anything that is not a code of this version malformed", () => {
    const signer = createTicketSigner(seed());
    const code = signer.signTicketCode(claims);
    for (const text of ["", "hello", code.slice(0, -2), `${code}AA`, "1".repeat(170)]) {
      expect(verifyTicketCode(text, [signer.publicKey])).toEqual({
        valid: false,
        reason: "MALFORMED",
      });
    }
  });

  it("refuse claims a code cannot carry", () => {
    const signer = createTicketSigner(seed());
    expect(() => signer.signTicketCode({ ...claims, seatLabel: "" })).toThrow(/seat label/);
    expect(() => signer.signTicketCode({ ...claims, seatLabel: "x".repeat(25) })).toThrow();
    expect(() => signer.signTicketCode({ ...claims, ticketId: "not-a-uuid" })).toThrow();
    expect(() => createTicketSignerFromSeed(new Uint8Array(31))).toThrow(/32 bytes/);
  });
});
