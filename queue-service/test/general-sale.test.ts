import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  signQueueTicket,
  type QueueProgress,
} from "@ticketping/common/queue";
import { parseExposition, sumSamples } from "@ticketping/common/metrics";
import type { ShuffleRecord } from "@ticketping/common/queue/store";
import { shuffleWithSeed } from "@ticketping/verify";
import { connectBuyer, dataOf, disconnectAll, send, waitFor, type Buyer } from "./support/clients";
import { createPerformance } from "./support/fixtures";
import type { TestInstance } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";

// The general sale after a presale, through the running service: buyers without a code
// wait in its own pre-queue (the test bed's lead is an hour), are shown its countdown, and
// are shuffled in at its instant, with the second committed seed, behind the presale's.

const bed = useQueueTestBed("queue_general_sale");

/** A buyer on a ticket the web app signed: with a presale code's id, or without one. */
async function buyer(instance: TestInstance, performanceId: string, withCode: boolean) {
  const userId = randomUUID();
  const ticket = await signQueueTicket({
    secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
    userId,
    performanceId,
    ...(withCode ? { presaleCodeId: randomUUID() } : {}),
  });
  const connected = await connectBuyer(instance.url, { userId, ticket });
  bed.afterThisTest(() => {
    disconnectAll([connected]);
  });
  return connected;
}

/** A presale on now (one buyer at a time) whose general sale opens in `generalIn` ms. */
async function presale(generalIn: number): Promise<{ performanceId: string; generalAt: Date }> {
  const performanceId = await createPerformance(bed.prisma, {
    seats: 50,
    queueMaxActive: 1,
    closesAt: new Date(Date.now() + 3 * 3_600_000),
  });
  const generalAt = new Date(Date.now() + generalIn);
  await bed.prisma.performance.update({
    where: { id: performanceId },
    data: { generalSaleOpensAt: generalAt },
  });
  return { performanceId, generalAt };
}

/**
 * The organizer moves the general sale (null: removes the presale), as web's edit does: the
 * service rereads it, and the round is listed as due at the new instant (or taken off).
 */
async function moveGeneralSale(instance: TestInstance, performanceId: string, to: Date | null) {
  await bed.prisma.performance.update({
    where: { id: performanceId },
    data: { generalSaleOpensAt: to },
  });
  const { store } = instance.service;
  await store.invalidateSettings(performanceId);
  await (to === null
    ? store.unscheduleRound(performanceId)
    : store.scheduleRound(performanceId, Math.max(Date.now(), to.getTime())));
}

/** What QueueNotAdvancing reads of a sale: the line admissions come from, and the pause. */
async function pauseGauges(instance: TestInstance, performanceId: string) {
  const response = await fetch(`${instance.url}/metrics`);
  const samples = parseExposition(await response.text());
  const gauge = (name: string) => sumSamples(samples, name, { performance: performanceId });
  return {
    line: gauge("ticketping_queue_waiting") - gauge("ticketping_queue_prequeued"),
    paused: gauge("ticketping_queue_paused"),
  };
}

const admittedEvents = (watcher: Buyer) =>
  watcher.received.filter((entry) => entry.event === "queue:admitted");

function generalPhasesSeen(watcher: Buyer): string[] {
  const phases: string[] = [];
  for (const entry of watcher.received) {
    if (entry.event !== "queue:progress") continue;
    const { generalPhase } = entry.payload as QueueProgress;
    if (phases.at(-1) !== generalPhase) phases.push(generalPhase);
  }
  return phases;
}

describe("the general sale after a presale", () => {
  it("pre-queues buyers without a code and shuffles them in behind the presale's at its instant", async () => {
    // The admitted buyer keeps the one slot throughout, so places stay put.
    const instance = await bed.serve({ overrides: { claimWindowMs: 600_000 } });
    // Far off while everyone joins (a loaded machine may take seconds), then moved to now.
    const { performanceId, generalAt: joinedFor } = await presale(600_000);
    const [first, second] = [
      await buyer(instance, performanceId, true),
      await buyer(instance, performanceId, true),
    ];
    const fans = await Promise.all(
      Array.from({ length: 6 }, () => buyer(instance, performanceId, false)),
    );

    expect(dataOf(await send.join(first, performanceId)).status).toBe("admitted");
    expect(dataOf(await send.join(second, performanceId))).toMatchObject({
      status: "waiting",
      position: 1,
    });
    for (const fan of fans) {
      const answer = dataOf(await send.join(fan, performanceId));
      expect(answer).toMatchObject({
        status: "pre",
        round: "general",
        progress: { phase: "open", generalPhase: "pre", generalOpensAt: joinedFor.getTime() },
      });
    }
    const generalAt = new Date();
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt: generalAt },
    });
    await instance.service.store.invalidateSettings(performanceId);

    await waitFor(
      async () => (await instance.service.store.shuffleRecord(performanceId, "general")) !== null,
      { timeoutMs: 30_000, what: "the general sale's opening" },
    );
    const opening = (await instance.service.store.shuffleRecord(
      performanceId,
      "general",
    )) as ShuffleRecord;
    expect(opening.openedAt).toBeGreaterThanOrEqual(generalAt.getTime());
    expect([...opening.entrants].sort()).toEqual(fans.map((fan) => fan.userId).sort());
    // The seed is the second one committed in PostgreSQL, never the opening's.
    const { seed, generalSeed } = await bed.prisma.saleFairness.findUniqueOrThrow({
      where: { performanceId },
    });
    expect(generalSeed).not.toBe(seed);
    expect(opening.lineOrder).toEqual(shuffleWithSeed(generalSeed, opening.entrants));

    // Behind the presale's buyer still waiting, in the shuffle's order.
    const byId = new Map(fans.map((fan) => [fan.userId, fan]));
    for (const [index, userId] of opening.lineOrder.entries()) {
      const fan = byId.get(userId) as Buyer;
      expect(dataOf(await send.status(fan, performanceId))).toMatchObject({
        status: "waiting",
        position: index + 2,
      });
    }
    // Each was shown the countdown to the general sale, then its opening.
    for (const fan of fans) {
      await waitFor(() => fan.latestProgress()?.generalPhase === "open", {
        timeoutMs: 15_000,
        what: "the general sale's opening pushed",
      });
      // The join's answer showed the countdown; pushes before the instant show it too.
      expect(["pre,open", "open"]).toContain(generalPhasesSeen(fan).join());
    }
    expect((await instance.service.store.stats(performanceId)).counters).toMatchObject({
      "shuffled:general": 6,
    });
  }, 90_000);

  it("lets a codeless buyer admitted the moment the organizer opens the general sale claim the turn", async () => {
    const instance = await bed.serve();
    const { performanceId } = await presale(600_000);
    const fan = await buyer(instance, performanceId, false);
    expect(dataOf(await send.join(fan, performanceId))).toMatchObject({ round: "general" });
    // A code holder's claim makes the service read (and remember) the rules, presale on;
    // its made-up code pays for nothing, and leaving frees the one slot.
    const holder = await buyer(instance, performanceId, true);
    expect(dataOf(await send.join(holder, performanceId)).status).toBe("admitted");
    expect("error" in (await send.claim(holder, performanceId))).toBe(true);
    await send.leave(holder, performanceId);
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt: new Date() },
    });
    await instance.service.store.invalidateSettings(performanceId);
    await waitFor(() => fan.received.some((entry) => entry.event === "queue:admitted"), {
      timeoutMs: 20_000,
      what: "the fan admitted from the general round",
    });
    const claimed = await send.claim(fan, performanceId);
    expect("data" in claimed ? "claimed" : claimed.error.code).toBe("claimed");
  }, 60_000);

  it("pauses everyone behind a general round moved later after it ran, code holders too, and says so", async () => {
    // The admitted code holder keeps the one slot until it leaves.
    const instance = await bed.serve({ overrides: { claimWindowMs: 600_000 } });
    const { performanceId } = await presale(600_000);
    const first = await buyer(instance, performanceId, true);
    const fan = await buyer(instance, performanceId, false);
    expect(dataOf(await send.join(first, performanceId)).status).toBe("admitted");
    expect(dataOf(await send.join(fan, performanceId))).toMatchObject({ round: "general" });
    await moveGeneralSale(instance, performanceId, new Date());
    await waitFor(
      async () => (await instance.service.store.shuffleRecord(performanceId, "general")) !== null,
      { timeoutMs: 30_000, what: "the general sale's opening" },
    );
    const fanStanding = dataOf(await send.status(fan, performanceId));
    if (fanStanding.status !== "waiting") throw new Error(`fan is ${fanStanding.status}`);
    const roundFrom = fanStanding.seq;

    // Moved later after its round ran: the round waits, and the line says from which place.
    const movedTo = new Date(Date.now() + 1_200_000);
    await moveGeneralSale(instance, performanceId, movedTo);
    await waitFor(() => fan.latestProgress()?.generalOpensAt === movedTo.getTime(), {
      timeoutMs: 15_000,
      what: "the moved general sale pushed",
    });
    expect(fan.latestProgress()).toMatchObject({
      phase: "open",
      generalPhase: "pre",
      pausedFromSeq: roundFrom,
    });
    // A code holder who comes now stands behind the round, and is told the line waits there.
    const second = await buyer(instance, performanceId, true);
    const secondStanding = dataOf(await send.join(second, performanceId));
    expect(secondStanding).toMatchObject({
      status: "waiting",
      position: 2,
      progress: { phase: "open", pausedFromSeq: roundFrom, generalOpensAt: movedTo.getTime() },
    });
    expect(secondStanding.status === "waiting" && secondStanding.seq).toBeGreaterThan(roundFrom);

    // The slot frees, and still nobody behind the pause is admitted, the code holder neither.
    expect(dataOf(await send.leave(first, performanceId))).toMatchObject({ left: "active" });
    const tick = await instance.service.store.advance({
      performanceId,
      minIntervalMs: 0,
      maxAdmissions: 10,
    });
    expect(tick).toMatchObject({ status: "advanced", progress: { active: 0 } });
    expect(tick.status === "advanced" && tick.admitted).toEqual([]);
    expect(dataOf(await send.status(second, performanceId))).toMatchObject({
      status: "waiting",
      position: 2,
    });
    // An open line with room that admits nobody: what QueueNotAdvancing would take for a
    // stuck ticker, were the pause not exported.
    expect(await pauseGauges(instance, performanceId)).toEqual({ line: 2, paused: 1 });

    // At the new instant the line moves on where it stopped: the round first.
    await moveGeneralSale(instance, performanceId, new Date());
    await waitFor(() => admittedEvents(fan).length > 0, {
      timeoutMs: 20_000,
      what: "the fan admitted at the new instant",
    });
    expect(admittedEvents(second)).toEqual([]);
    await waitFor(() => fan.latestProgress()?.pausedFromSeq === 0, {
      timeoutMs: 15_000,
      what: "the end of the pause pushed",
    });
    expect((await pauseGauges(instance, performanceId)).paused).toBe(0);
  }, 90_000);

  it("reports the pause only once admission reached it, not while buyers ahead are still admitted", async () => {
    // The admitted code holder keeps the one slot until it leaves.
    const instance = await bed.serve({ overrides: { claimWindowMs: 600_000 } });
    const { performanceId } = await presale(600_000);
    const first = await buyer(instance, performanceId, true);
    const ahead = await buyer(instance, performanceId, true);
    const fan = await buyer(instance, performanceId, false);
    expect(dataOf(await send.join(first, performanceId)).status).toBe("admitted");
    expect(dataOf(await send.join(ahead, performanceId))).toMatchObject({
      status: "waiting",
      position: 1,
    });
    expect(dataOf(await send.join(fan, performanceId))).toMatchObject({ round: "general" });
    await moveGeneralSale(instance, performanceId, new Date());
    await waitFor(
      async () => (await instance.service.store.shuffleRecord(performanceId, "general")) !== null,
      { timeoutMs: 30_000, what: "the general sale's opening" },
    );
    await moveGeneralSale(instance, performanceId, new Date(Date.now() + 1_200_000));
    await waitFor(() => (fan.latestProgress()?.pausedFromSeq ?? 0) > 0, {
      timeoutMs: 15_000,
      what: "the pause pushed",
    });
    // The round waits, but a code holder ahead of it still waits for the slot: the line is
    // not paused yet, and were it stuck now the alert should say so.
    expect(await pauseGauges(instance, performanceId)).toEqual({ line: 2, paused: 0 });

    // The slot frees and the holder ahead is admitted: now admission stands at the round.
    expect(dataOf(await send.leave(first, performanceId))).toMatchObject({ left: "active" });
    await waitFor(() => admittedEvents(ahead).length > 0, {
      timeoutMs: 20_000,
      what: "the holder ahead admitted",
    });
    expect(await pauseGauges(instance, performanceId)).toEqual({ line: 1, paused: 1 });
  }, 90_000);

  it("counts the general sale's pre-queue in the pre-queued and waiting gauges", async () => {
    // The admitted buyer keeps the one slot throughout, so nobody moves up meanwhile.
    const instance = await bed.serve({ overrides: { claimWindowMs: 600_000 } });
    const { performanceId } = await presale(600_000);
    const [first, second] = [
      await buyer(instance, performanceId, true),
      await buyer(instance, performanceId, true),
    ];
    expect(dataOf(await send.join(first, performanceId)).status).toBe("admitted");
    expect(dataOf(await send.join(second, performanceId)).status).toBe("waiting");
    for (let fan = 0; fan < 3; fan++) {
      const codeless = await buyer(instance, performanceId, false);
      expect(dataOf(await send.join(codeless, performanceId))).toMatchObject({ round: "general" });
    }
    const response = await fetch(`${instance.url}/metrics`);
    expect(response.status).toBe(200);
    const samples = parseExposition(await response.text());
    const gauge = (name: string) => sumSamples(samples, name, { performance: performanceId });
    expect(gauge("ticketping_queue_prequeued")).toBe(3);
    expect(gauge("ticketping_queue_waiting")).toBe(4);
    expect(gauge("ticketping_queue_active")).toBe(1);
    // What the QueueNotAdvancing alert takes for the line the ticker admits from.
    expect(gauge("ticketping_queue_waiting") - gauge("ticketping_queue_prequeued")).toBe(1);
  }, 60_000);

  it("tells the general sale's pre-queue when the organizer moves it, and keeps them there", async () => {
    const instance = await bed.serve();
    const { performanceId } = await presale(600_000);
    const fan = await buyer(instance, performanceId, false);
    expect(dataOf(await send.join(fan, performanceId))).toMatchObject({ round: "general" });

    const movedTo = new Date(Date.now() + 1_200_000);
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt: movedTo },
    });
    await instance.service.store.invalidateSettings(performanceId);
    await waitFor(() => fan.latestProgress()?.generalOpensAt === movedTo.getTime(), {
      timeoutMs: 15_000,
      what: "the moved general sale pushed",
    });
    expect(fan.latestProgress()).toMatchObject({ phase: "open", generalPhase: "pre" });
    expect(dataOf(await send.status(fan, performanceId))).toMatchObject({
      status: "pre",
      round: "general",
    });
    // Moved beyond the lead: a newcomer without a code is told it is not open yet for them.
    const beyondLead = new Date(Date.now() + 2 * 3_600_000);
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt: beyondLead },
    });
    await instance.service.store.invalidateSettings(performanceId);
    // The line has the new time once it is pushed (a reload begun before the edit is over).
    await waitFor(() => fan.latestProgress()?.generalOpensAt === beyondLead.getTime(), {
      timeoutMs: 15_000,
      what: "the second move pushed",
    });
    const late = await buyer(instance, performanceId, false);
    const refused = await send.join(late, performanceId);
    expect("error" in refused && refused.error.code).toBe("NOT_OPEN_YET");
    expect(dataOf(await send.status(fan, performanceId))).toMatchObject({ round: "general" });
  }, 60_000);

  it("lists a presale's round at its instant instead of keeping its sale live until then", async () => {
    const instance = await bed.serve();
    const { performanceId, generalAt } = await presale(600_000);
    const fan = await buyer(instance, performanceId, false);
    expect(dataOf(await send.join(fan, performanceId))).toMatchObject({ round: "general" });
    const { store } = instance.service;
    await waitFor(
      async () => (await store.listDueRounds(generalAt.getTime())).includes(performanceId),
      { timeoutMs: 10_000, what: "the general round listed as due" },
    );
    expect(await store.listDueRounds(generalAt.getTime() - 1)).not.toContain(performanceId);
    // The live queues' index holds its last activity, never the instant ahead: once nobody
    // is in its line it is not ticked again until the round falls due.
    expect(await store.listQueues(Date.now() + 60_000)).not.toContain(performanceId);
  }, 60_000);

  it("runs the general round at its instant though nobody has touched the line since the presale's buyers joined", async () => {
    // Every queue touched more than a millisecond ago counts as idle and goes unticked,
    // unless a round still to run keeps it live.
    const instance = await bed.serve({ overrides: { idleQueueRetentionMs: 1 } });
    const { performanceId } = await presale(600_000);
    const holder = await buyer(instance, performanceId, true);
    const fan = await buyer(instance, performanceId, false);
    expect(dataOf(await send.join(holder, performanceId)).status).toBe("admitted");
    expect(dataOf(await send.join(fan, performanceId))).toMatchObject({ round: "general" });

    await moveGeneralSale(instance, performanceId, new Date());
    await waitFor(
      async () => (await instance.service.store.shuffleRecord(performanceId, "general")) !== null,
      { timeoutMs: 30_000, what: "the general round run by the ticker alone" },
    );
    const opening = await instance.service.store.shuffleRecord(performanceId, "general");
    expect(opening?.entrants).toEqual([fan.userId]);
  }, 60_000);
});
