// No zod and no server code: the console's page makes its live points with it too.

interface StatsRead<At> {
  at: At;
  seats: { sold: number; held: number };
  queue: { waiting: number; preQueued: number; active: number; admittedPerMinute: number } | null;
}

/** A stats read as one point of the console's charts (the history the server keeps). */
export function toChartSample<At>({ at, seats, queue }: StatsRead<At>) {
  return {
    at,
    sold: seats.sold,
    held: seats.held,
    inLine: queue ? queue.waiting + queue.preQueued : null,
    active: queue ? queue.active : null,
    admittedPerMinute: queue ? Math.round(queue.admittedPerMinute) : null,
  };
}
