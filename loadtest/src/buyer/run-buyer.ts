import { errorCode } from "../clients/step-error";
import type { StepName } from "../metrics/steps";
import type { BuyerContext, BuyerIdentity, BuyerResult } from "./context";
import type { BuyerPlan } from "./plan";
import { shop } from "./shop";
import { WaitingRoomVisit } from "./waiting-room";

/** A confirmed purchase frees the buyer's slot through Kafka; this long is a failure. */
const SLOT_RELEASE_TIMEOUT_MS = 30_000;

/**
 * One buyer from pressing "Book" to the end: waiting room, seats, payment. Never throws:
 * whatever happens becomes the buyer's outcome (and its code), and the socket is closed.
 */
export async function runBuyer(
  ctx: BuyerContext,
  buyer: BuyerIdentity,
  plan: BuyerPlan,
): Promise<BuyerResult> {
  const result: BuyerResult = {
    userId: buyer.userId,
    outcome: "error",
    admitted: false,
    paid: false,
    lapsed: false,
  };
  const step = async <T>(name: StepName, run: () => Promise<T>): Promise<T> => {
    result.failedStep = name;
    const value = await ctx.recorder.time(name, run);
    result.failedStep = undefined;
    return value;
  };
  const visit = new WaitingRoomVisit(ctx, buyer, plan, step);
  try {
    const entry = await visit.enter();
    switch (entry.kind) {
      case "refused":
        result.outcome = entry.code === "LINE_FULL" ? "line-full" : "error";
        result.code = entry.code;
        return result;
      case "sold-out":
      case "abandoned":
        result.outcome = entry.kind;
        return result;
      case "admitted":
        break;
    }
    result.admitted = true;
    const credentials = { cookie: buyer.cookie, workingToken: entry.grant.token };
    Object.assign(result, await shop(ctx, credentials, plan, result, step));
    if (result.outcome === "purchased") {
      await awaitSlotRelease(ctx, visit, result.paidAtMs ?? ctx.recorder.now());
    } else {
      await visit.leave().catch(() => undefined);
    }
  } catch (error) {
    result.outcome = ctx.signal.aborted ? "timed-out" : "error";
    result.code = errorCode(error);
    if (result.admitted && !ctx.signal.aborted) await visit.leave().catch(() => undefined);
  } finally {
    visit.close();
  }
  return result;
}

/** The worker's confirmation reaches the queue service, which ends the slot and says so. */
async function awaitSlotRelease(
  ctx: BuyerContext,
  visit: WaitingRoomVisit,
  paidAt: number,
): Promise<void> {
  const released = await visit.released(SLOT_RELEASE_TIMEOUT_MS);
  if (!released) {
    ctx.recorder.fail("slot-release", "NOT_RELEASED");
    return;
  }
  const { notice, atMs } = released;
  if (notice.reason !== "confirmed") ctx.recorder.fail("slot-release", `RELEASED_${notice.reason}`);
  else ctx.recorder.ok("slot-release", paidAt, atMs);
}
