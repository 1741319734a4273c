import "server-only";

/**
 * A delete lost a race with a new row that references it (PostgreSQL 23503, Prisma
 * P2003). Read by duck typing, as in @ticketping/db's own error helpers.
 */
export function isForeignKeyViolation(error: unknown): boolean {
  if (!(error instanceof Error) || !("code" in error)) return false;
  if (error.code === "P2003") return true;
  const meta = "meta" in error ? (error.meta as Record<string, unknown> | undefined) : undefined;
  const adapter = meta?.driverAdapterError as { cause?: { originalCode?: string } } | undefined;
  return adapter?.cause?.originalCode === "23503";
}
