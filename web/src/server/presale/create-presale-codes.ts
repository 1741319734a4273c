import "server-only";
import { AppError } from "@ticketping/common/errors";
import { hashPresaleCode, normalizePresaleCode } from "@ticketping/common/queue";
import { db } from "../db";
import { generatePresaleCode } from "./generate-presale-code";
import { presaleCodeLimits } from "./limits";
import { presaleCodeSelect, presaleCodeView } from "./presale-code-view";
import type { CreatedPresaleCodes, PresaleCodesCreateInput } from "./schemas";

/**
 * Makes a performance's presale codes: `count` single-use codes, or one shared code with
 * `useLimit` uses. Only hashes are stored; the answer is the one time the codes are seen.
 */
export async function createPresaleCodes({
  performanceId,
  input,
}: {
  performanceId: string;
  input: PresaleCodesCreateInput;
}): Promise<CreatedPresaleCodes> {
  const plain = Array.from({ length: input.kind === "SINGLE" ? input.count : 1 }, () =>
    generatePresaleCode(),
  );
  const useLimit = input.kind === "SINGLE" ? 1 : input.useLimit;
  const rows = await db().$transaction(async (tx) => {
    // The performance row first, as every organizer edit of it does: one lock order.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM performances WHERE id = ${performanceId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
    const existing = await tx.presaleCode.count({ where: { performanceId } });
    if (existing + plain.length > presaleCodeLimits.perPerformance) {
      throw new AppError("CONFLICT", "too many presale codes", {
        userMessage: `A performance can have at most ${String(presaleCodeLimits.perPerformance)} presale codes.`,
        details: { reason: "TOO_MANY_CODES" },
      });
    }
    return tx.presaleCode.createManyAndReturn({
      data: plain.map((code) => ({
        performanceId,
        kind: input.kind,
        codeHash: hashPresaleCode(code),
        hint: normalizePresaleCode(code).slice(-4),
        label: input.label,
        useLimit,
        seatCap: input.seatCap,
      })),
      select: { ...presaleCodeSelect, codeHash: true },
    });
  });
  const codeOfHash = new Map(plain.map((code) => [hashPresaleCode(code), code]));
  return {
    codes: rows.map(({ codeHash, ...row }) => ({
      ...presaleCodeView(row),
      code: codeOfHash.get(codeHash) ?? "",
    })),
  };
}
