import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEVELOPMENT_QUEUE_TICKET_SECRET, signQueueTicket } from "@ticketping/common/queue";
import type { QueueServiceConfig } from "../src/config";
import { connectBuyer, dataOf, disconnectAll, send, waitFor } from "./support/clients";
import { createPerformance } from "./support/fixtures";
import { useQueueTestBed } from "./support/test-bed";

// Joins of one sale share batches, so a join may still wait for its batch when its socket
// closes. The close must count only after the join landed, or the buyer's place would keep
// a tab that no socket holds and never lapse.

const bed = useQueueTestBed("queue_join_disconnect");

/**
 * 120 buyers each send `joinsPerSocket` joins and close their socket just after the joins
 * left it, behind one admitted buyer: the closes arrive while joins still wait behind the
 * batches in flight. Every closed buyer's place must then lapse with the grace.
 */
async function closeWhileJoining({
  joinsPerSocket,
  overrides = {},
}: {
  joinsPerSocket: number;
  overrides?: Partial<QueueServiceConfig>;
}): Promise<void> {
  const instance = await bed.serve({
    overrides: { graceMs: 300, claimWindowMs: 600_000, ...overrides },
  });
  const performanceId = await createPerformance(bed.prisma, { seats: 50, queueMaxActive: 1 });
  const connect = async () => {
    const userId = randomUUID();
    const ticket = await signQueueTicket({
      secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
      userId,
      performanceId,
    });
    return connectBuyer(instance.url, { userId, ticket });
  };
  const holder = await connect();
  bed.afterThisTest(() => {
    disconnectAll([holder]);
  });
  expect(dataOf(await send.join(holder, performanceId)).status).toBe("admitted");

  const leavers = await Promise.all(Array.from({ length: 120 }, connect));
  await Promise.all(
    leavers.map(async ({ socket }) => {
      for (let join = 0; join < joinsPerSocket; join++) {
        socket.emit("queue:join", { performanceId }, () => undefined);
      }
      // Closed 5 ms after its joins left the client: a close before they left drops them
      // unsent, and one in the same read as them lets the server drop them undispatched.
      // So the server takes the joins into the sale's batch, then reads the close while
      // they may still wait behind the batches in flight.
      const engine = socket.io.engine;
      if (engine.writeBuffer.length > 0) {
        await new Promise<void>((resolve) => engine.once("drain", resolve));
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
      socket.disconnect();
    }),
  );

  const stats = () => instance.service.store.stats(performanceId);
  let joinsBefore = -1;
  await waitFor(
    async () => {
      const joins = (await stats()).counters.joins ?? 0;
      const settled = joins === joinsBefore && joins > 1;
      joinsBefore = joins;
      return settled;
    },
    { intervalMs: 300, timeoutMs: 40_000, what: "the joins that reached the service landing" },
  );
  await waitFor(async () => (await stats()).progress?.waiting === 0, {
    timeoutMs: 30_000,
    what: "every closed buyer's place lapsing",
  });
}

describe("a socket that closes while its join waits for the sale's batch", () => {
  it("leaves a place that lapses with the disconnect grace", async () => {
    await closeWhileJoining({ joinsPerSocket: 1 });
  }, 90_000);

  it("waits for the first join when a second one on the same socket is refused at once", async () => {
    // One join a minute per buyer: the second join is refused before it reaches the batch,
    // so it settles while the first may still wait there.
    await closeWhileJoining({ joinsPerSocket: 2, overrides: { joinLimitPerUserPerMin: 1 } });
  }, 90_000);
});
