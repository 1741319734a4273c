import type { ListenOptions } from "node:net";
import { env } from "../env";

/**
 * Where the service takes connections: the primary's port with several processes, the
 * process's own with one. The backlog lets a crowd's SYNs wait for accept instead of
 * being dropped into the kernel's 1, 3, 7 s retries (QUEUE_LISTEN_BACKLOG).
 */
export const publicAddress: ListenOptions = {
  port: env.QUEUE_SERVICE_PORT,
  host: env.QUEUE_SERVICE_HOST,
  backlog: env.QUEUE_LISTEN_BACKLOG,
};
