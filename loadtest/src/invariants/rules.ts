/** Everything the end-of-run checks look at, read from PostgreSQL, Redis and the buyers. */
export interface InvariantFacts {
  /** Seats of the show, counted in PostgreSQL. */
  seats: number;
  maxActive: number;
  workingSet: {
    /** Largest working set read from Redis while the run went on. */
    maxSampled: number;
    samples: number;
    /** Largest `active` in any progress broadcast a buyer received. */
    maxSeenByBuyers: number;
  };
  /** One row per seat of each CONFIRMED reservation. */
  confirmedSeats: { seatId: string; reservationId: string }[];
  /** Seats whose status column says SOLD. */
  seatsMarkedSold: number;
  reservations: {
    id: string;
    status: string;
    holdExpiresAt: Date;
    /** Statuses of its payments (none for an unpaid hold). */
    payments: string[];
  }[];
  /** The reservations buyers paid for (the payment page took the payment). */
  paidReservationIds: string[];
  /** The reservations buyers let lapse on purpose. */
  lapsedReservationIds: string[];
  /** Each buyer who saw its purchase CONFIRMED, with the seats it held. */
  purchases: { userId: string; seatIds: string[] }[];
  /** seatId -> `H:<reservationId>` / `S:<reservationId>` in Redis; null if not cached. */
  redisSeatMap: Map<string, string> | null;
  /** The same, as PostgreSQL's active reservations say it should be. */
  expectedSeatMap: Map<string, string>;
  /** When the checks ran. */
  now: Date;
}

export interface InvariantResult {
  id: string;
  title: string;
  passed: boolean;
  detail: string;
}

type Rule = (facts: InvariantFacts) => InvariantResult;

const result = (id: string, title: string, problems: string[], ok: string): InvariantResult => ({
  id,
  title,
  passed: problems.length === 0,
  detail: problems.length === 0 ? ok : problems.slice(0, 5).join("; ") + more(problems.length),
});

const more = (count: number) => (count > 5 ? ` (and ${count - 5} more)` : "");

export const seatsSoldOnce: Rule = (facts) => {
  const owners = new Map<string, Set<string>>();
  for (const { seatId, reservationId } of facts.confirmedSeats) {
    owners.set(seatId, (owners.get(seatId) ?? new Set()).add(reservationId));
  }
  const problems = [...owners]
    .filter(([, reservations]) => reservations.size > 1)
    .map(
      ([seat, reservations]) => `seat ${seat} is in ${reservations.size} CONFIRMED reservations`,
    );
  // The buyers' own view: no seat may have been sold to two of them.
  const buyerOf = new Map<string, string>();
  for (const { userId, seatIds } of facts.purchases) {
    for (const seat of seatIds) {
      const other = buyerOf.get(seat);
      if (other !== undefined && other !== userId) {
        problems.push(`seat ${seat} was confirmed to buyers ${other} and ${userId}`);
      }
      buyerOf.set(seat, userId);
    }
  }
  return result(
    "seats-sold-once",
    "Every seat sold at most once",
    problems,
    `${owners.size} seats sold, each in exactly one CONFIRMED reservation and to one buyer`,
  );
};

export const soldWithinCapacity: Rule = (facts) => {
  const sold = new Set(facts.confirmedSeats.map((row) => row.seatId)).size;
  const problems: string[] = [];
  if (sold > facts.seats) problems.push(`${sold} seats sold of ${facts.seats}`);
  if (facts.seatsMarkedSold > facts.seats) {
    problems.push(`${facts.seatsMarkedSold} seats marked SOLD of ${facts.seats}`);
  }
  if (facts.seatsMarkedSold !== sold) {
    problems.push(
      `${facts.seatsMarkedSold} seats marked SOLD, but ${sold} in CONFIRMED reservations`,
    );
  }
  return result(
    "sold-within-capacity",
    "No more seats sold than exist",
    problems,
    `${sold} of ${facts.seats} seats sold`,
  );
};

export const workingSetBounded: Rule = (facts) => {
  const { maxSampled, samples, maxSeenByBuyers } = facts.workingSet;
  const problems: string[] = [];
  if (samples === 0) problems.push("the working set was never sampled");
  if (maxSampled > facts.maxActive) {
    problems.push(`Redis showed ${maxSampled} active buyers, maxActive is ${facts.maxActive}`);
  }
  if (maxSeenByBuyers > facts.maxActive) {
    problems.push(
      `a progress broadcast said ${maxSeenByBuyers} active, maxActive is ${facts.maxActive}`,
    );
  }
  return result(
    "working-set-bounded",
    "The working set never above maxActive",
    problems,
    `at most ${maxSampled} of ${facts.maxActive} in ${samples} samples from Redis; ` +
      `at most ${maxSeenByBuyers} in the broadcasts buyers received`,
  );
};

export const paidConfirmed: Rule = (facts) => {
  const byId = new Map(facts.reservations.map((reservation) => [reservation.id, reservation]));
  const problems: string[] = [];
  let refundedLate = 0;
  const paid = new Set(facts.paidReservationIds);
  for (const reservation of facts.reservations) {
    if (reservation.payments.length > 0) paid.add(reservation.id);
  }
  for (const id of paid) {
    const reservation = byId.get(id);
    if (!reservation) problems.push(`paid reservation ${id} does not exist`);
    else if (reservation.payments.length === 0)
      problems.push(`paid reservation ${id} has no payment`);
    // A payment that lands after the hold lapsed is refunded, never confirmed: correct.
    else if (reservation.status === "REFUNDED") refundedLate++;
    else if (reservation.status !== "CONFIRMED") {
      problems.push(`paid reservation ${id} is ${reservation.status}`);
    }
  }
  return result(
    "paid-confirmed",
    "Every paid reservation CONFIRMED",
    problems,
    `${paid.size - refundedLate} paid reservations CONFIRMED` +
      (refundedLate > 0 ? `; ${refundedLate} paid after the hold lapsed and were REFUNDED` : ""),
  );
};

export const lapsedExpired: Rule = (facts) => {
  const byId = new Map(facts.reservations.map((reservation) => [reservation.id, reservation]));
  const problems = facts.lapsedReservationIds.flatMap((id) => {
    const status = byId.get(id)?.status;
    return status === "EXPIRED" ? [] : [`lapsed reservation ${id} is ${status ?? "missing"}`];
  });
  return result(
    "lapsed-expired",
    "Every lapsed hold EXPIRED",
    problems,
    `${facts.lapsedReservationIds.length} lapsed holds, all EXPIRED`,
  );
};

export const noStalePending: Rule = (facts) => {
  const problems = facts.reservations
    .filter((row) => row.status === "PENDING" && row.holdExpiresAt < facts.now)
    .map(
      (row) =>
        `reservation ${row.id} still PENDING after its hold ended at ${row.holdExpiresAt.toISOString()}`,
    );
  return result(
    "no-stale-pending",
    "No PENDING reservation past its hold",
    problems,
    `${facts.reservations.filter((row) => row.status === "PENDING").length} PENDING, none past its hold`,
  );
};

export const redisAgreesWithPostgres: Rule = (facts) => {
  const redis = facts.redisSeatMap;
  if (!redis) {
    return result(
      "redis-agrees",
      "Redis seat map agrees with PostgreSQL",
      ["the seat map is not in Redis"],
      "",
    );
  }
  const problems: string[] = [];
  for (const [seat, expected] of facts.expectedSeatMap) {
    const cached = redis.get(seat);
    if (cached !== expected)
      problems.push(`seat ${seat}: PostgreSQL ${expected}, Redis ${cached ?? "available"}`);
  }
  for (const [seat, cached] of redis) {
    if (!facts.expectedSeatMap.has(seat))
      problems.push(`seat ${seat}: PostgreSQL available, Redis ${cached}`);
  }
  return result(
    "redis-agrees",
    "Redis seat map agrees with PostgreSQL",
    problems,
    `${facts.expectedSeatMap.size} taken seats, the same owner and state in both`,
  );
};

export const rules: Rule[] = [
  seatsSoldOnce,
  soldWithinCapacity,
  workingSetBounded,
  paidConfirmed,
  lapsedExpired,
  noStalePending,
  redisAgreesWithPostgres,
];

export function checkInvariants(facts: InvariantFacts): InvariantResult[] {
  return rules.map((rule) => rule(facts));
}
