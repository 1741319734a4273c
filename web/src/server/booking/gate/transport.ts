/**
 * How a working token travels from the browser to the booking pages and APIs: the
 * waiting room stores it in this cookie when the buyer is admitted; API clients may send
 * it in the x-working-token header or as `Authorization: Bearer <token>` instead (the
 * session is a cookie, so that header is free). No server imports: the proxy reads it too.
 */
export const WORKING_TOKEN_COOKIE = "ticketping-working-token";
export const WORKING_TOKEN_HEADER = "x-working-token";

/** Tokens are short JWTs; anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 2048;

/** One cookie's value from a Cookie header, or null. */
export function readCookie(headers: Headers, name: string): string | null {
  const cookieHeader = headers.get("cookie");
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1 || part.slice(0, separator).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(separator + 1).trim()) || null;
    } catch {
      return null;
    }
  }
  return null;
}

export function readWorkingToken(headers: Headers): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get("authorization")?.trim() ?? "")?.[1];
  const token =
    headers.get(WORKING_TOKEN_HEADER)?.trim() ||
    bearer ||
    readCookie(headers, WORKING_TOKEN_COOKIE);
  return token && token.length <= MAX_TOKEN_LENGTH ? token : null;
}

/**
 * Where a buyer without a valid token for `performanceId` goes; with the show they were
 * booking, so the waiting room can send them back to it once admitted.
 */
export function waitingRoomPath(performanceId: string, scheduleId?: string): `/queue/${string}` {
  return scheduleId
    ? `/queue/${performanceId}?schedule=${encodeURIComponent(scheduleId)}`
    : `/queue/${performanceId}`;
}

/** `?ended=` of the waiting room when the seat map sends a buyer back: their slot ended. */
export const SLOT_ENDED = "slot";

/** The waiting room a buyer whose booking slot ended goes back to, saying so. */
export function slotEndedPath(waitingRoom: string): string {
  return `${waitingRoom}${waitingRoom.includes("?") ? "&" : "?"}ended=${SLOT_ENDED}`;
}

/** What every QUEUE_TOKEN_REQUIRED refusal carries: the performance and its waiting room. */
export function queueTokenRequiredDetails(
  performanceId: string,
  scheduleId?: string,
): { performanceId: string; waitingRoom: `/queue/${string}` } {
  return { performanceId, waitingRoom: waitingRoomPath(performanceId, scheduleId) };
}
