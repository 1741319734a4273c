import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { developmentSecret, parseEnv } from "../env";
import { ticketEnvFields } from "./env-fields";
import { publishedTicketKeyIssues, ticketKeyRing } from "./ticket-key-ring";
import { createTicketSigner, verifyTicketCode } from "./ticket-signing";

const signer = () => createTicketSigner(randomBytes(32).toString("base64url"));
const claims = { ticketId: randomUUID(), scheduleId: randomUUID(), seatLabel: "R1-1" };
const parsePrevious = (value: string) =>
  parseEnv(
    { TICKET_SIGNING_KEYS_PREVIOUS: ticketEnvFields.previousPublicKeys },
    { TICKET_SIGNING_KEYS_PREVIOUS: value },
  ).TICKET_SIGNING_KEYS_PREVIOUS;

describe("a rotation's key ring", () => {
  it("trusts the current key first, then each previous key under the id its codes carry", () => {
    const [oldest, previous, current] = [signer(), signer(), signer()];
    const ring = ticketKeyRing(current.publicKey, [
      previous.publicKey.publicKey,
      oldest.publicKey.publicKey,
      // Listed twice, or the current key listed as previous: still one entry each.
      previous.publicKey.publicKey,
      current.publicKey.publicKey,
    ]);
    expect(ring).toEqual([current.publicKey, previous.publicKey, oldest.publicKey]);
    for (const key of [current, previous, oldest]) {
      expect(verifyTicketCode(key.signTicketCode(claims), ring)).toEqual({ valid: true, claims });
    }
  });

  it("stops trusting a code once its key leaves the ring", () => {
    const [removed, current] = [signer(), signer()];
    const code = removed.signTicketCode(claims);
    expect(
      verifyTicketCode(code, ticketKeyRing(current.publicKey, [removed.publicKey.publicKey])),
    ).toMatchObject({ valid: true });
    expect(verifyTicketCode(code, ticketKeyRing(current.publicKey, []))).toEqual({
      valid: false,
      reason: "UNKNOWN_KEY",
    });
  });

  it("reads TICKET_SIGNING_KEYS_PREVIOUS as comma-separated public keys, and nothing else", () => {
    const [a, b] = [signer().publicKey.publicKey, signer().publicKey.publicKey];
    expect(parsePrevious(` ${a} ,${b},`)).toEqual([a, b]);
    expect(parsePrevious("")).toEqual([]);
    // A secret pasted where its public key belongs, or a key cut short, is refused.
    expect(() => parsePrevious(randomBytes(32).toString("hex"))).toThrow(
      /TICKET_SIGNING_KEYS_PREVIOUS.0: each must be a raw Ed25519 public key/,
    );
    expect(() => parsePrevious(a.slice(0, -1))).toThrow(/TICKET_SIGNING_KEYS_PREVIOUS/);
  });

  it("names the development key as published, and no other", () => {
    const development = createTicketSigner(developmentSecret("TICKET_SIGNING_KEY")).publicKey;
    expect(publishedTicketKeyIssues([signer().publicKey.publicKey, development.publicKey])).toEqual(
      [
        expect.stringContaining(
          `TICKET_SIGNING_KEYS_PREVIOUS: holds the public key of the development TICKET_SIGNING_KEY (key id ${development.keyId})`,
        ),
      ],
    );
    expect(publishedTicketKeyIssues([signer().publicKey.publicKey])).toEqual([]);
  });
});
