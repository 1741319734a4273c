import cluster from "node:cluster";
import { env } from "./env";

// Several processes behind one port (the default), or the service itself in this process.
if (cluster.isPrimary && env.QUEUE_PROCESSES > 1) {
  await import("./process/primary");
} else {
  await import("./process/serve");
}
