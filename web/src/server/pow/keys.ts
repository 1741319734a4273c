// Every Redis key of the proof of work. Braces are the key's hash tag (Redis Cluster).

/** A challenge that was spent, until it would have expired anyway. */
export const usedChallengeKey = (nonce: string) => `pow:used:{${nonce}}`;

/**
 * A buyer who paid the proof of work to enter a performance's line: their further tickets
 * (reconnects, another tab, the booking page's socket) need none until it lapses.
 */
export const entryPassKey = (performanceId: string, userId: string) =>
  `pow:pass:{${performanceId}}:${userId}`;
