import { describe, expect, it } from "vitest";
import { checkPresaleEntry, hashPresaleCode, type FoundPresaleCode } from "./presale";

const NOW = 1_800_000_000_000;

function bookOf(codes: Record<string, FoundPresaleCode>) {
  const asked: string[] = [];
  return {
    asked,
    book: {
      find: (_performanceId: string, code: string) => {
        asked.push(code);
        return Promise.resolve(codes[hashPresaleCode(code)] ?? null);
      },
    },
  };
}

const entry = (
  code: string | undefined,
  generalSaleOpensAt: number | null,
  codes = {},
  preQueueLeadMs = 0,
) => {
  const { book, asked } = bookOf(codes);
  return {
    asked,
    outcome: checkPresaleEntry({
      book,
      performanceId: "p",
      generalSaleOpensAt,
      preQueueLeadMs,
      code,
      userId: "u",
      now: NOW,
    }),
  };
};

describe("checkPresaleEntry", () => {
  it("lets everybody in outside a presale, without reading any code", async () => {
    for (const generalSaleOpensAt of [null, NOW, NOW - 1]) {
      const { outcome, asked } = entry("ABCD-EFGH", generalSaleOpensAt);
      expect(await outcome).toEqual({ ok: true, presaleCodeId: undefined });
      expect(asked).toEqual([]);
    }
  });

  it("during a presale wants a code that exists, is unrevoked and has a use left", async () => {
    const codes = {
      [hashPresaleCode("GOOD-CODE")]: { id: "good", revoked: false, usedUp: false },
      [hashPresaleCode("GONE-CODE")]: { id: "gone", revoked: true, usedUp: false },
      [hashPresaleCode("USED-CODE")]: { id: "used", revoked: false, usedUp: true },
    };
    const during = NOW + 1;
    const codeOf = async (code: string | undefined) => {
      const answer = await entry(code, during, codes).outcome;
      return answer.ok ? answer.presaleCodeId : answer.code;
    };
    expect(await codeOf(undefined)).toBe("PRESALE_CODE_REQUIRED");
    expect(await codeOf("  ")).toBe("PRESALE_CODE_REQUIRED");
    expect(await codeOf("NOPE-CODE")).toBe("PRESALE_CODE_INVALID");
    expect(await codeOf("GONE-CODE")).toBe("PRESALE_CODE_INVALID");
    expect(await codeOf("USED-CODE")).toBe("PRESALE_CODE_USED_UP");
    expect(await codeOf("good code")).toBe("good");
  });

  it("lets a buyer without a code in from the pre-queue's lead before the general sale", async () => {
    const lead = 60_000;
    const codes = { [hashPresaleCode("GOOD-CODE")]: { id: "good", revoked: false, usedUp: false } };
    const answer = async (code: string | undefined, generalSaleOpensAt: number) => {
      const outcome = await entry(code, generalSaleOpensAt, codes, lead).outcome;
      return outcome.ok ? (outcome.presaleCodeId ?? "in without a code") : outcome.code;
    };
    expect(await answer(undefined, NOW + lead + 1)).toBe("PRESALE_CODE_REQUIRED");
    // The refusal says when the general sale opens and when a buyer may line up for it.
    expect(await entry(undefined, NOW + lead + 1, codes, lead).outcome).toEqual({
      ok: false,
      code: "PRESALE_CODE_REQUIRED",
      details: {
        generalSaleOpensAt: new Date(NOW + lead + 1).toISOString(),
        generalPreQueueOpensAt: new Date(NOW + 1).toISOString(),
      },
    });
    expect(await answer(undefined, NOW + lead)).toBe("in without a code");
    expect(await answer(undefined, NOW + 1)).toBe("in without a code");
    // A code brought in the lead window still counts (its holder buys in the presale),
    // and a wrong one is still refused rather than quietly dropped.
    expect(await answer("GOOD-CODE", NOW + 1)).toBe("good");
    expect(await answer("NOPE-CODE", NOW + 1)).toBe("PRESALE_CODE_INVALID");
  });
});

describe("hashPresaleCode", () => {
  it("ignores case, dashes and spaces, and nothing else", () => {
    const hash = hashPresaleCode("AB12-CD34");
    expect(hashPresaleCode("ab12cd34")).toBe(hash);
    expect(hashPresaleCode("ab12 cd34")).toBe(hash);
    expect(hashPresaleCode("AB12-CD35")).not.toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
