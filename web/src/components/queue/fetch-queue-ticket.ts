import type { QueueTicket } from "@/server/queue/schemas";
import { apiRequest, ApiError } from "../api-client";
import { fetchPowSolution, POW_ERROR_CODES, type PowProgress } from "../pow/fetch-pow-solution";

/**
 * A fresh ticket for the queue socket of one performance; throws ApiError
 * (UNAUTHENTICATED, RATE_LIMITED...). When the organizer asks for a proof of work and
 * this buyer holds no entry pass yet (POW_REQUIRED), solves one, reporting its progress
 * (null once done), and asks again with it.
 */
export async function fetchQueueTicket(
  performanceId: string,
  {
    onPowProgress,
    presaleCode,
  }: {
    onPowProgress?: (progress: PowProgress | null) => void;
    /** The buyer's presale code, sent while the sale is in its presale. */
    presaleCode?: string | undefined;
  } = {},
): Promise<string> {
  const ask = async (pow?: unknown) =>
    (
      await apiRequest<QueueTicket>("/api/queue/ticket", {
        method: "POST",
        body: { performanceId, pow, presaleCode },
      })
    ).ticket;
  try {
    return await ask();
  } catch (error) {
    if (!(error instanceof ApiError && POW_ERROR_CODES.has(error.code))) throw error;
  }
  try {
    const solved = await fetchPowSolution(
      { purpose: "queue", performanceId },
      { onProgress: onPowProgress },
    );
    return await ask(solved?.pow);
  } finally {
    onPowProgress?.(null);
  }
}
