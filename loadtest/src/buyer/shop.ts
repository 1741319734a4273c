import { StepError } from "../clients/step-error";
import type { BuyerCredentials, Hold, MyReservation, SeatMap } from "../clients/web-api";
import type { StepName } from "../metrics/steps";
import { sleep } from "../sleep";
import type { BuyerContext, BuyerResult } from "./context";
import type { BuyerPlan } from "./plan";

/** Holds tried before giving up when the seats picked keep being taken. */
const MAX_HOLD_ATTEMPTS = 5;
/** The seat map page polls this often; a buyer waiting for a seat to come free does too. */
const SEAT_MAP_POLL_MS = 2_000;
/** How often a buyer looks at its reservations while waiting for an outcome. */
const RESERVATION_POLL_MS = 500;
/** Paid -> CONFIRMED, or lapsed -> EXPIRED, must show within this. */
const SETTLE_TIMEOUT_MS = 120_000;

type Step = <T>(name: StepName, run: () => Promise<T>) => Promise<T>;
type ShopOutcome = Pick<BuyerResult, "outcome" | "code" | "seenStatus">;

/**
 * An admitted buyer on the booking pages: read the seat map, hold random free seats
 * (others again when they were taken), then pay on the simulated payment page and wait
 * for the confirmation, or open the payment page and let the hold lapse.
 */
export async function shop(
  ctx: BuyerContext,
  who: BuyerCredentials,
  plan: BuyerPlan,
  result: BuyerResult,
  step: Step,
): Promise<ShopOutcome> {
  const lapses = ctx.decideLapse();
  const hold = await holdSeats(ctx, who, plan, step);
  if (hold === "sold-out" || hold === "gave-up") return { outcome: hold };
  result.reservationId = hold.reservationId;
  result.seatIds = hold.seatIds;

  const checkout = await step("checkout", () =>
    ctx.web.startCheckout(who, hold.reservationId, ctx.signal),
  );
  await step("payment-page", () => ctx.web.paymentPage(who, checkout.url, ctx.signal));

  if (lapses) {
    result.lapsed = true;
    const expiresAt = Date.parse(hold.holdExpiresAt);
    await sleep(expiresAt - Date.now(), ctx.signal);
    const lapsedAt = ctx.recorder.now();
    const seen = await awaitOutcome(ctx, who, hold.reservationId, step, "expiry");
    if (seen.status !== "EXPIRED") {
      ctx.recorder.fail("expiry", seen.status);
      return { outcome: "error", code: `LAPSED_BUT_${seen.status}`, seenStatus: seen.status };
    }
    ctx.recorder.ok("expiry", lapsedAt);
    return { outcome: "lapsed", seenStatus: seen.status };
  }

  if (ctx.payDelayMs) {
    // Typing the card details: payments spread over the hold instead of coming at once.
    await sleep(ctx.random.int(...ctx.payDelayMs), ctx.signal);
  }
  await step("pay", () => ctx.web.pay(who, checkout.sessionId, ctx.signal));
  result.paid = true;
  const paidAt = ctx.recorder.now();
  result.paidAtMs = paidAt;
  const seen = await awaitOutcome(ctx, who, hold.reservationId, step, "confirmation");
  if (seen.status !== "CONFIRMED") {
    ctx.recorder.fail("confirmation", seen.status);
    return { outcome: "payment-failed", code: seen.status, seenStatus: seen.status };
  }
  ctx.recorder.ok("confirmation", paidAt);
  return { outcome: "purchased", seenStatus: seen.status };
}

async function holdSeats(
  ctx: BuyerContext,
  who: BuyerCredentials,
  plan: BuyerPlan,
  step: Step,
): Promise<Hold | "sold-out" | "gave-up"> {
  const { web, scheduleId, signal, random } = ctx;
  let map = await step("seat-map", () => web.seatMap(who, scheduleId, undefined, signal));
  const layout = map.layout;
  if (!layout) throw new StepError("BAD_RESPONSE", "the first seat map came without a layout");
  const refresh = async () => {
    map = await step("seat-map", () => web.seatMap(who, scheduleId, map.build, signal));
    if (map.layout) layout.seats = map.layout.seats;
  };
  const wanted = Math.min(plan.seatCount, layout.maxSeatsPerReservation);
  // Seats some hold refused, until the next map says otherwise.
  const taken = new Set<string>();
  // Held seats come back when their hold lapses: wait for that, about one hold long.
  const waitForFreeUntil = Date.now() + ctx.holdTtlMs + 20_000;

  for (let attempt = 0; attempt < MAX_HOLD_ATTEMPTS;) {
    const free = freeSeats(map, layout.seats, taken);
    if (free.length === 0) {
      if (!map.status.includes("H")) return "sold-out";
      if (Date.now() > waitForFreeUntil) return "gave-up";
      await sleep(SEAT_MAP_POLL_MS, signal);
      taken.clear();
      await refresh();
      continue;
    }
    attempt++;
    const seatIds = random.sample(free, wanted);
    try {
      return await step("hold", () => web.hold(who, scheduleId, seatIds, signal));
    } catch (error) {
      if (!(error instanceof StepError) || error.code !== "SEAT_UNAVAILABLE") throw error;
      const refused = error.details?.seatIds;
      for (const id of Array.isArray(refused) ? refused : seatIds) taken.add(String(id));
      // The page's next poll would show what else changed meanwhile.
      if (attempt % 2 === 0) {
        taken.clear();
        await refresh();
      }
    }
  }
  return "gave-up";
}

function freeSeats(
  map: SeatMap,
  seats: readonly [string, number, number, number][],
  taken: ReadonlySet<string>,
): string[] {
  const free: string[] = [];
  for (let i = 0; i < seats.length; i++) {
    const id = (seats[i] as [string, number, number, number])[0];
    if (map.status[i] === "A" && !taken.has(id)) free.push(id);
  }
  return free;
}

/** Polls the buyer's reservations (as "My tickets" would) until this one is no longer PENDING. */
async function awaitOutcome(
  ctx: BuyerContext,
  who: BuyerCredentials,
  reservationId: string,
  step: Step,
  awaited: "confirmation" | "expiry",
): Promise<MyReservation> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  const fail = (code: string, message: string) => {
    ctx.recorder.fail(awaited, code);
    return new StepError(code, message);
  };
  for (;;) {
    const reservations = await step("reservations", () => ctx.web.myReservations(who, ctx.signal));
    const mine = reservations.find((reservation) => reservation.id === reservationId);
    if (!mine) throw fail("RESERVATION_MISSING", `${reservationId} is not listed`);
    if (mine.status !== "PENDING") return mine;
    if (Date.now() > deadline) throw fail("STILL_PENDING", `${reservationId} stayed PENDING`);
    await sleep(RESERVATION_POLL_MS, ctx.signal);
  }
}
