import "server-only";
import { AppError } from "@ticketping/common/errors";
import { db } from "../db";
import { presaleCodeSelect, presaleCodeView } from "./presale-code-view";
import type { PresaleCodeView } from "./schemas";

/** A performance's presale codes, newest first, with their uses against their limits. */
export async function listPresaleCodes({
  performanceId,
}: {
  performanceId: string;
}): Promise<PresaleCodeView[]> {
  const [performance, rows] = await Promise.all([
    db().performance.findUnique({ where: { id: performanceId }, select: { id: true } }),
    db().presaleCode.findMany({
      where: { performanceId },
      select: presaleCodeSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  ]);
  if (!performance) throw new AppError("NOT_FOUND", `no performance ${performanceId}`);
  return rows.map(presaleCodeView);
}
