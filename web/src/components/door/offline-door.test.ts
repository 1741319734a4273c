import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTicketSigner, ticketKeyRing } from "@ticketping/common/tickets";
import { decideOffline, type OfflineList } from "./offline-door";

const signer = () => createTicketSigner(randomBytes(32).toString("base64url"));
const scheduleId = randomUUID();

function doorList(keys: OfflineList["keys"], ticketIds: string[]): OfflineList {
  return {
    asOf: new Date().toISOString(),
    keys,
    tickets: ticketIds.map((id, index) => ({
      id,
      reference: `REF-${index}`,
      holderName: "Ana",
      seat: { row: 1, column: index + 1, gradeName: "R" },
      valid: true,
      checkIn: null,
    })),
  };
}

const scanOffline = (code: string, list: OfflineList) =>
  decideOffline({ scan: { code }, list, pending: [], scheduleId, gate: "North" });

/** The offline door runs the browser's WebCrypto; Node has the same API. */
describe("the offline door during a key rotation", () => {
  it("verifies each code with the downloaded key its id names, in any order", async () => {
    const [previous, current] = [signer(), signer()];
    const [byPrevious, byCurrent] = [randomUUID(), randomUUID()];
    const codeOf = (key: ReturnType<typeof signer>, ticketId: string) =>
      key.signTicketCode({ ticketId, scheduleId, seatLabel: "R1-1" });
    const ring = ticketKeyRing(current.publicKey, [previous.publicKey.publicKey]);
    for (const keys of [ring, [...ring].reverse()]) {
      const list = doorList(keys, [byPrevious, byCurrent]);
      for (const [key, ticketId] of [
        [previous, byPrevious],
        [current, byCurrent],
      ] as const) {
        const { verdict, admitted } = await scanOffline(codeOf(key, ticketId), list);
        expect(verdict).toMatchObject({ outcome: "ADMITTED", ticket: { id: ticketId } });
        expect(admitted?.ticketId).toBe(ticketId);
      }
    }
  });

  it("calls a code of a key no longer listed invalid, though its ticket is on the list", async () => {
    const [removed, current] = [signer(), signer()];
    const ticketId = randomUUID();
    const code = removed.signTicketCode({ ticketId, scheduleId, seatLabel: "R1-1" });
    const { verdict, admitted } = await scanOffline(
      code,
      doorList([current.publicKey], [ticketId]),
    );
    expect(verdict).toEqual({
      outcome: "INVALID",
      reason: "signed with a key this door does not know",
      offline: true,
    });
    expect(admitted).toBeUndefined();
  });

  it("calls a code signed by another key under a listed key's id invalid", async () => {
    const [listed, forger] = [signer(), signer()];
    const ticketId = randomUUID();
    const code = forger.signTicketCode({ ticketId, scheduleId, seatLabel: "R1-1" });
    // The forger's own key listed under the door's key id: the signature must still match.
    const list = doorList(
      [{ keyId: forger.publicKey.keyId, publicKey: listed.publicKey.publicKey }],
      [ticketId],
    );
    expect((await scanOffline(code, list)).verdict).toMatchObject({
      outcome: "INVALID",
      reason: "the signature does not match",
    });
  });
});
