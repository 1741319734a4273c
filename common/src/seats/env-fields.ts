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
};
