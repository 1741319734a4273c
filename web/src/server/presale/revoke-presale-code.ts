import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { presaleCodeSelect, presaleCodeView } from "./presale-code-view";
import type { PresaleCodeView } from "./schemas";

/**
 * Revokes a code: both doors refuse it from now on (PRESALE_CODE_INVALID) and so does the
 * claim of a holder already in line. Turns already claimed keep their token. Revoking twice
 * keeps the first time.
 */
export async function revokePresaleCode({ id }: { id: string }): Promise<PresaleCodeView> {
  await db().presaleCode.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const row = await db().presaleCode.findUnique({ where: { id }, select: presaleCodeSelect });
  if (!row) throw new AppError("NOT_FOUND", `no presale code ${id}`);
  return presaleCodeView(row);
}
