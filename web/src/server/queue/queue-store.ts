import "server-only";
import { QueueStore } from "@ticketping/common/queue/store";
import { env } from "@/env";
import { getRedis } from "../redis";

let store: QueueStore | undefined;

/** The waiting room's own gateway to its Redis state, on the web app's connection. */
export function queueStore(): QueueStore {
  store ??= new QueueStore({ redis: getRedis(), keyPrefix: env.QUEUE_KEY_PREFIX });
  return store;
}
