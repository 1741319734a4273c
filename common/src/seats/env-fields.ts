import { z } from "zod";
import { envFields } from "../env";

/** The seat variables the web app and the worker both read, spelt and defaulted once. */
export const seatEnvFields = {
  /**
   * SEAT_KEY_PREFIX: namespace of every seat-map and hold key in Redis. Empty by default,
   * unlike QUEUE_KEY_PREFIX: these keys had no prefix before it existed, so a deployment
   * that sets nothing keeps finding its live holds and cached maps. Web and worker must
   * agree (the worker reads the web app's expiring hold keys).
   */
  keyPrefix: envFields.redisKeyPrefix(""),
  /**
   * HOLD_MAX_OPEN_PER_BUYER: open holds one buyer may have per performance (the web app's
   * holds, and the worker's waitlist offers, which are holds too).
   */
  maxOpenHoldsPerBuyer: z.coerce.number().int().min(1).max(20).default(1),
  /**
   * WAITLIST_OFFER_TTL_SECONDS: how long seats offered to a waitlisted buyer stay held for
   * them before the offer passes to the next entry (5 s to 1 day).
   */
  waitlistOfferTtlSeconds: z.coerce.number().int().min(5).max(86_400).default(600),
};
