import { randomUUID } from "node:crypto";
import { loadTestOptionsSchema } from "../options";
import { seedBuyers } from "../seed/seed-buyers";
import { seedSale } from "../seed/seed-sale";
import { startSystem } from "../system/start-system";
import type { AbuseContext, Attack, AttackOutcome } from "./attack";
import { hugeBodies } from "./attacks/bodies";
import { crossSitePosts } from "./attacks/cross-site";
import { forgeries } from "./attacks/forgeries";
import { holdChurn } from "./attacks/hold-churn";
import { organizerLockout } from "./attacks/organizer-lockout";
import { publishedSecret } from "./attacks/published-secret";
import {
  foreignOrigin,
  handshakeFlood,
  linePowDodge,
  socketsPerBuyer,
  ticketReplay,
} from "./attacks/queue-door";
import { signUpFarm } from "./attacks/accounts";

/** In the order a farm would try them; each is independent of the others. */
const attacks: readonly Attack[] = [
  signUpFarm,
  organizerLockout,
  ticketReplay,
  linePowDodge,
  socketsPerBuyer,
  foreignOrigin,
  handshakeFlood,
  hugeBodies,
  crossSitePosts,
  holdChurn,
  forgeries,
  publishedSecret,
];

/** The queue service accepts the socket from this origin (the web app's public one). */
const ALLOWED_ORIGIN = "http://localhost:3000";

export interface AbuseRun {
  outcomes: AttackOutcome[];
  /** The services' warnings and errors, for explaining an attack that was not refused. */
  serviceLogs: string;
}

/**
 * Starts the whole system as shipped (production mode, the limits production has, no
 * proxy trusted) and attacks it from outside, over loopback, from many source addresses.
 */
export async function runAbuse(): Promise<AbuseRun> {
  const runId = randomUUID().slice(0, 8);
  const options = loadTestOptionsSchema.parse({ seats: 50, maxActive: 50, holdTtl: 60 });
  const system = await startSystem({
    options,
    runId,
    overrides: {
      // Empty is unset: the shipped per-address limits, not the load test's raised ones.
      "queue-service": {
        QUEUE_JOIN_LIMIT_PER_IP_PER_MIN: "",
        QUEUE_CONNECT_LIMIT_PER_IP_PER_MIN: "",
        QUEUE_CORS_ORIGINS: ALLOWED_ORIGIN,
      },
      // The sign-up's proof of work as shipped, at a light difficulty: the farm solves
      // hundreds, and what refuses it (single use, the address's budget) is the same at
      // any difficulty; what a solution costs is measured apart (BENCHMARKS.md).
      web: { POW_SIGNUP_COMPLEXITY: "100" },
    },
  });
  try {
    const prisma = system.database.prisma;
    const sale = await seedSale(prisma, options);
    const context: AbuseContext = {
      webUrl: system.webUrl,
      queueUrl: system.queueUrl,
      allowedOrigin: ALLOWED_ORIGIN,
      prisma,
      sale,
      webhookSecret: system.webhookSecret,
      newBuyer: async () => {
        const [buyer] = await seedBuyers(prisma, {
          count: 1,
          runId: randomUUID(),
          nextAuthSecret: system.nextAuthSecret,
        });
        if (!buyer) throw new Error("no buyer seeded");
        return buyer;
      },
    };
    const outcomes: AttackOutcome[] = [];
    for (const attack of attacks) outcomes.push(...(await attack(context)));
    return { outcomes, serviceLogs: system.serviceLogs() };
  } finally {
    await system.stop();
  }
}
