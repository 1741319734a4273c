/** Every socket waiting in a queue: receives the progress broadcast. */
export function queueRoom(performanceId: string): string {
  return `queue:${performanceId}`;
}

/** Every tab of one buyer in one queue: receives admission and release notices. */
export function buyerRoom(performanceId: string, userId: string): string {
  return `buyer:${performanceId}:${userId}`;
}
