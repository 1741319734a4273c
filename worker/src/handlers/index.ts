import type { Subscription } from "@ticketping/common/kafka";
import type { Logger } from "@ticketping/common/logger";
import type { PrismaClient } from "@ticketping/db";
import { expireHoldHandler } from "./expire-hold";

export interface HandlerDeps {
  prisma: PrismaClient;
  logger: Logger;
}

export function createSubscriptions(deps: HandlerDeps): Subscription[] {
  return [expireHoldHandler(deps)];
}
