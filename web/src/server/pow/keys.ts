// Every Redis key of the proof of work. Braces are the key's hash tag (Redis Cluster).

/** A challenge that was spent, until it would have expired anyway. */
export const usedChallengeKey = (nonce: string) => `pow:used:{${nonce}}`;
