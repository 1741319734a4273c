import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import {
  assembleTicketCode,
  bytesHex,
  parseTicketCode,
  ticketCodeSignedBytes,
} from "./ticket-code-format";
import type { TicketClaims } from "./ticket-code-format";

/** A public key as scanners receive it: raw 32 bytes, base64url, and its id. */
export interface TicketPublicKey {
  keyId: string;
  publicKey: string;
}

export interface TicketSigner {
  publicKey: TicketPublicKey;
  signTicketCode(claims: TicketClaims): string;
}

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): node:crypto imports seeds no other way.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

export function keyIdOf(rawPublicKey: Uint8Array): string {
  return bytesHex(createHash("sha256").update(rawPublicKey).digest().subarray(0, 4));
}

function rawPublicKeyOf(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  if (typeof jwk.x !== "string") throw new Error("not an Ed25519 key");
  return Buffer.from(jwk.x, "base64url");
}

/**
 * The signer whose Ed25519 key is derived from TICKET_SIGNING_KEY, a secret like every other
 * here (at least 32 random characters): SHA-256 of it, labelled so the same secret used
 * elsewhere by mistake still gives an unrelated key, is the 32-byte seed.
 */
export function createTicketSigner(secret: string): TicketSigner {
  return createTicketSignerFromSeed(
    createHash("sha256").update("ticketping ticket signing key\0").update(secret).digest(),
  );
}

export function createTicketSignerFromSeed(seed: Uint8Array): TicketSigner {
  if (seed.length !== 32) throw new Error("an Ed25519 seed is 32 bytes");
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]),
    format: "der",
    type: "pkcs8",
  });
  const rawPublicKey = rawPublicKeyOf(createPublicKey(privateKey));
  const keyId = keyIdOf(rawPublicKey);
  return {
    publicKey: { keyId, publicKey: rawPublicKey.toString("base64url") },
    signTicketCode(claims) {
      const signedBytes = ticketCodeSignedBytes(claims, keyId);
      return assembleTicketCode(signedBytes, sign(null, signedBytes, privateKey));
    },
  };
}

export type TicketCodeCheck =
  | { valid: true; claims: TicketClaims }
  | { valid: false; reason: "MALFORMED" | "UNKNOWN_KEY" | "BAD_SIGNATURE" };

/** Checks a code against the keys a door trusts (the current one, and old ones during rotation). */
export function verifyTicketCode(
  code: string,
  trustedKeys: readonly TicketPublicKey[],
): TicketCodeCheck {
  const parsed = parseTicketCode(code);
  if (!parsed) return { valid: false, reason: "MALFORMED" };
  const trusted = trustedKeys.find((key) => key.keyId === parsed.keyId);
  if (!trusted) return { valid: false, reason: "UNKNOWN_KEY" };
  const publicKey = createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: trusted.publicKey },
    format: "jwk",
  });
  return verify(null, parsed.signedBytes, publicKey, parsed.signature)
    ? { valid: true, claims: parsed.claims }
    : { valid: false, reason: "BAD_SIGNATURE" };
}
