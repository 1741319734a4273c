import "server-only";
import { AppError } from "@ticketping/common/errors";
import { ensureSaleFairness, type SaleFairnessSecrets } from "@ticketping/db";
import { z } from "zod";
import { db } from "../db";

/** A published or closed performance by slug or id, with its sale's fairness secrets. */
export async function findSale({ slug }: { slug: string }): Promise<
  {
    performanceId: string;
    /** When the general sale opens after a presale; null: no presale. */
    generalSaleOpensAt: Date | null;
    /** When the sale was closed; null while it is not (a reopened sale's is null again). */
    saleClosedAt: Date | null;
  } & SaleFairnessSecrets
> {
  const byId = z.uuid().safeParse(slug).success;
  const performance = await db().performance.findFirst({
    where: { saleStatus: { not: "DRAFT" }, ...(byId ? { id: slug } : { slug }) },
    select: { id: true, generalSaleOpensAt: true, saleClosedAt: true },
  });
  if (!performance) throw new AppError("NOT_FOUND", `no published performance ${slug}`);
  return {
    performanceId: performance.id,
    generalSaleOpensAt: performance.generalSaleOpensAt,
    saleClosedAt: performance.saleClosedAt,
    ...(await ensureSaleFairness(db(), performance.id)),
  };
}
