import "server-only";
import { createLogger } from "@ticketping/common/logger";
import { env } from "@/env";

export const logger = createLogger({ name: "web", level: env.LOG_LEVEL });
