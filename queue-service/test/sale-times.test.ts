import { describe, expect, it } from "vitest";
import type { QueueProgress, QueueStanding } from "@ticketping/common/queue";
import type { ShuffleRecord } from "@ticketping/common/queue/store";
import type { Prisma } from "@ticketping/db";
import { connectBuyer, dataOf, disconnectAll, send, waitFor, type Buyer } from "./support/clients";
import { createPerformance, type PerformanceFixtureOptions } from "./support/fixtures";
import type { TestInstance } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";

const bed = useQueueTestBed("queue_sale_times");

async function buyers(instance: TestInstance, count: number): Promise<Buyer[]> {
  const connected = await Promise.all(
    Array.from({ length: count }, () => connectBuyer(instance.url)),
  );
  bed.afterThisTest(() => {
    disconnectAll(connected);
  });
  return connected;
}

/** What the organizer's PATCH does: the database first, then the live copy is dropped. */
async function editSale(
  instance: TestInstance,
  performanceId: string,
  data: Prisma.PerformanceUpdateInput,
): Promise<void> {
  await bed.prisma.performance.update({ where: { id: performanceId }, data });
  await instance.service.store.invalidateSettings(performanceId);
}

function pushedProgress(buyer: Buyer): QueueProgress[] {
  return buyer.received
    .filter((entry) => entry.event === "queue:progress")
    .map((entry) => entry.payload as QueueProgress);
}

/** The phases a buyer was shown, each change once. */
function phasesSeen(buyer: Buyer): string[] {
  const phases: string[] = [];
  for (const { phase } of pushedProgress(buyer)) {
    if (phases.at(-1) !== phase) phases.push(phase);
  }
  return phases;
}

function admittedAt(buyer: Buyer): number | undefined {
  return buyer.received.find((entry) => entry.event === "queue:admitted")?.at;
}

async function waitForPhase(
  buyer: Buyer,
  phase: QueueProgress["phase"],
  matches: (progress: QueueProgress) => boolean = () => true,
): Promise<QueueProgress> {
  await waitFor(
    () => {
      const latest = buyer.latestProgress();
      return latest?.phase === phase && matches(latest);
    },
    { timeoutMs: 15_000, what: `phase ${phase} pushed to ${buyer.userId}` },
  );
  return buyer.latestProgress() as QueueProgress;
}

/** A further broadcast at least `ms` after `since`: the ticker ran many times meanwhile. */
async function waitForBroadcastAfter(buyer: Buyer, since: number, ms: number): Promise<void> {
  await waitFor(() => pushedProgress(buyer).some((progress) => progress.at >= since + ms), {
    timeoutMs: 15_000,
    what: "a later progress broadcast",
  });
}

async function standing(buyer: Buyer, performanceId: string): Promise<QueueStanding> {
  return dataOf(await send.status(buyer, performanceId));
}

async function positionOf(buyer: Buyer, performanceId: string): Promise<number | undefined> {
  const answer = await standing(buyer, performanceId);
  return answer.status === "waiting" ? answer.position : undefined;
}

describe("an opening moved later after the sale opened", () => {
  it("pauses admissions until the new opening, keeps the line and never shuffles it again", async () => {
    const instance = await bed.serve();
    const entrants = await buyers(instance, 4);
    const latecomer = (await buyers(instance, 1))[0] as Buyer;
    const performanceId = await createPerformance(bed.prisma, {
      queueMaxActive: 2,
      opensAt: new Date(Date.now() + 4_000),
    });
    for (const buyer of entrants) {
      expect(dataOf(await send.join(buyer, performanceId)).status).toBe("pre");
    }

    // The opening shuffles the pre-queue once; the first two of its order are admitted.
    await waitFor(
      async () => (await instance.service.store.shuffleRecord(performanceId)) !== null,
      {
        timeoutMs: 15_000,
        what: "the opening",
      },
    );
    const opening = (await instance.service.store.shuffleRecord(performanceId)) as ShuffleRecord;
    const byId = new Map(entrants.map((buyer) => [buyer.userId, buyer]));
    const [first, second, third, fourth] = opening.lineOrder.map((id) => byId.get(id)) as [
      Buyer,
      Buyer,
      Buyer,
      Buyer,
    ];
    await waitFor(() => admittedAt(first) !== undefined && admittedAt(second) !== undefined, {
      what: "the head of the shuffled line admitted",
    });
    expect(await positionOf(third, performanceId)).toBe(1);
    expect(await positionOf(fourth, performanceId)).toBe(2);
    await waitForPhase(fourth, "open");

    // Room for the checks below before the new opening, on a loaded machine.
    const newOpensAt = new Date(Date.now() + 15_000);
    await editSale(instance, performanceId, { bookingOpensAt: newOpensAt });

    // Everyone in the queue, waiting or holding a slot, is shown the sale before its opening.
    for (const buyer of [first, second, third, fourth]) {
      await waitForPhase(buyer, "pre", (progress) => progress.opensAt === newOpensAt.getTime());
    }
    // A freed slot admits nobody before the new opening.
    expect(dataOf(await send.leave(first, performanceId))).toBeTruthy();
    // A buyer arriving now joins the back of the line, not a second pre-queue.
    const late = dataOf(await send.join(latecomer, performanceId));
    expect(late).toMatchObject({ status: "waiting", position: 3 });
    expect(late.progress).toMatchObject({ phase: "pre", opensAt: newOpensAt.getTime() });
    // The buyer holding a slot keeps it; the line keeps its order.
    expect((await standing(second, performanceId)).status).toBe("admitted");
    expect(await positionOf(third, performanceId)).toBe(1);
    expect(await positionOf(fourth, performanceId)).toBe(2);

    // At the new opening the line moves on where it stopped, in the same order.
    await waitFor(() => admittedAt(third) !== undefined, {
      timeoutMs: 30_000,
      what: "the head of the line admitted at the new opening",
    });
    expect(admittedAt(third)).toBeGreaterThanOrEqual(newOpensAt.getTime());
    await waitForPhase(fourth, "open");
    expect(await positionOf(fourth, performanceId)).toBe(1);
    expect(await positionOf(latecomer, performanceId)).toBe(2);
    expect(admittedAt(fourth)).toBeUndefined();
    expect(phasesSeen(fourth).slice(-3)).toEqual(["open", "pre", "open"]);

    // Still the one opening of the fairness record.
    expect(await instance.service.store.shuffleRecord(performanceId)).toEqual(opening);
    const stats = await instance.service.store.stats(performanceId);
    expect(stats.counters).toMatchObject({ shuffled: 4, admitted: 3 });
  }, 120_000);
});

describe("a sale closed early and reopened", () => {
  const ways: [string, Prisma.PerformanceUpdateInput, () => Prisma.PerformanceUpdateInput][] = [
    ["by its status", { saleStatus: "CLOSED" }, () => ({ saleStatus: "PUBLISHED" })],
    [
      "by its closing time",
      { bookingClosesAt: new Date(Date.now() - 1_000) },
      () => ({ bookingClosesAt: new Date(Date.now() + 3_600_000) }),
    ],
  ];

  it.each(ways)(
    "(%s) stops admissions, tells the line, refuses newcomers and resumes in the same order",
    async (_way, close, reopen) => {
      const instance = await bed.serve();
      const options: PerformanceFixtureOptions = {
        queueMaxActive: 1,
        opensAt: new Date(Date.now() - 3_600_000),
      };
      const performanceId = await createPerformance(bed.prisma, options);
      const [holder, next, last, newcomer] = (await buyers(instance, 4)) as [
        Buyer,
        Buyer,
        Buyer,
        Buyer,
      ];
      expect(dataOf(await send.join(holder, performanceId)).status).toBe("admitted");
      expect(dataOf(await send.join(next, performanceId))).toMatchObject({ position: 1 });
      expect(dataOf(await send.join(last, performanceId))).toMatchObject({ position: 2 });

      await waitForPhase(last, "open");

      await editSale(instance, performanceId, close);
      for (const buyer of [holder, next, last]) await waitForPhase(buyer, "closed");

      // The slot comes free while the sale is closed: nobody takes it.
      expect(dataOf(await send.leave(holder, performanceId))).toBeTruthy();
      const emptied = await waitForPhase(next, "closed", (progress) => progress.active === 0);
      await waitForBroadcastAfter(next, emptied.at, 1_000);
      expect(admittedAt(next)).toBeUndefined();
      expect(await send.join(newcomer, performanceId)).toMatchObject({
        error: { code: "SALE_CLOSED" },
      });
      expect(await positionOf(next, performanceId)).toBe(1);
      expect(await positionOf(last, performanceId)).toBe(2);

      const reopenedAt = Date.now();
      await editSale(instance, performanceId, reopen());
      await waitFor(() => admittedAt(next) !== undefined, {
        timeoutMs: 15_000,
        what: "the head of the line admitted after the reopening",
      });
      expect(admittedAt(next)).toBeGreaterThanOrEqual(reopenedAt);
      await waitForPhase(last, "open");
      expect(await positionOf(last, performanceId)).toBe(1);
      expect(admittedAt(last)).toBeUndefined();
      expect(phasesSeen(last).slice(-3)).toEqual(["open", "closed", "open"]);
      expect(phasesSeen(holder)).toContain("closed");
    },
  );
});
