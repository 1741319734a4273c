import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ticketIdRangeOf, ticketReferenceOf } from "./ticket-reference";

describe("ticket references", () => {
  it("are 13 base32 characters in groups whose range holds the ticket id and no other prefix", () => {
    for (let i = 0; i < 200; i++) {
      const id = randomUUID();
      const reference = ticketReferenceOf(id);
      expect(reference).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{5}$/);
      const range = ticketIdRangeOf(reference);
      if (!range) throw new Error(`no range for ${reference}`);
      expect(range.from <= id && id <= range.to).toBe(true);
      expect(range.from.slice(0, 18)).toBe(id.slice(0, 18));
      expect(range.to.slice(0, 18)).toBe(id.slice(0, 18));
    }
  });

  it("forgive case, spaces and dashes as typed, and refuse anything else", () => {
    const id = randomUUID();
    const reference = ticketReferenceOf(id);
    const typed = ` ${reference.toLowerCase().replaceAll("-", " ")} `;
    expect(ticketIdRangeOf(typed)).toEqual(ticketIdRangeOf(reference));
    for (const bad of ["", "ABCD-EFGH-JKLM", "ABCD-EFGH-JKLMNP", "ABCD-EFGH-JKLM1"]) {
      expect(ticketIdRangeOf(bad)).toBeUndefined();
    }
  });
});
