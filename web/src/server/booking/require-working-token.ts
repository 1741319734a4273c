import "server-only";
import { AppError } from "@ticketping/common/errors";
import { verifyWorkingToken, type WorkingTokenClaims } from "@ticketping/common/queue";
import { env } from "@/env";
import { getRedis } from "../redis";
import { readWorkingToken, waitingRoomPath } from "./working-token-transport";

/**
 * The booking gate's full check: signature, expiry, performance, the signed-in buyer, and
 * one Redis read proving the slot was not released or revoked. The proxy only did the
 * cheap signature check. Throws QUEUE_TOKEN_REQUIRED with the waiting room to go to.
 */
export async function requireWorkingToken({
  headers,
  userId,
  performanceId,
}: {
  headers: Headers;
  userId: string;
  performanceId: string;
}): Promise<WorkingTokenClaims> {
  const details = { performanceId, waitingRoom: waitingRoomPath(performanceId) };
  const token = readWorkingToken(headers);
  if (!token) throw new AppError("QUEUE_TOKEN_REQUIRED", "no working token", { details });
  try {
    const claims = await verifyWorkingToken({
      token,
      secret: env.QUEUE_TOKEN_SECRET,
      redis: getRedis(),
      keyPrefix: env.QUEUE_KEY_PREFIX,
      performanceId,
    });
    if (claims.userId !== userId) {
      throw new AppError("QUEUE_TOKEN_REQUIRED", "working token of another user");
    }
    return claims;
  } catch (error) {
    const appError = AppError.from(error);
    if (appError.code !== "QUEUE_TOKEN_REQUIRED") throw error;
    throw new AppError("QUEUE_TOKEN_REQUIRED", appError.message, { details, cause: error });
  }
}
