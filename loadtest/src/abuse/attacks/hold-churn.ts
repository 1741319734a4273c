import type { Attack } from "../attack";
import { loopbackAddress, outcomeOf, send } from "../http";
import { admittedBuyer } from "../queue-socket";

const HOLDS_ALLOWED = 20;
const ROUNDS = 25;

/**
 * An admitted buyer holds a seat and releases it in a loop: every round changes the seat
 * map's version and costs every polling buyer a full answer instead of a 304.
 */
export const holdChurn: Attack = async (context) => {
  const buyer = await admittedBuyer(context);
  const headers = { cookie: buyer.cookie, "x-working-token": buyer.workingToken };
  const from = loopbackAddress();
  const seatId = context.sale.seatIds.at(-1) ?? "";
  const holds: string[] = [];
  let retryAfterSeconds: unknown;
  for (let round = 0; round < ROUNDS; round++) {
    const held = await send(context.webUrl, {
      method: "POST",
      path: `/api/schedules/${context.sale.scheduleId}/holds`,
      from,
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seatIds: [seatId] }),
    });
    holds.push(outcomeOf(held));
    if (held.status !== 201) {
      retryAfterSeconds = (
        JSON.parse(held.body) as { error?: { details?: Record<string, unknown> } }
      ).error?.details?.retryAfterSeconds;
      continue;
    }
    const { data } = JSON.parse(held.body) as { data: { reservationId: string } };
    await send(context.webUrl, {
      method: "DELETE",
      path: `/api/holds/${data.reservationId}`,
      from,
      headers,
    });
  }
  const created = holds.filter((outcome) => outcome === "201").length;
  return [
    {
      attack: `${ROUNDS} hold-and-release rounds by one admitted buyer`,
      expected: `${HOLDS_ALLOWED} holds, then 429 RATE_LIMITED with retryAfterSeconds`,
      observed: `${created} × 201, then ${holds.slice(created).join(", ") || "nothing"}; retryAfterSeconds ${String(retryAfterSeconds)}`,
      held:
        created === HOLDS_ALLOWED &&
        holds.slice(created).every((outcome) => outcome === "429 RATE_LIMITED") &&
        typeof retryAfterSeconds === "number" &&
        retryAfterSeconds > 0,
    },
  ];
};
