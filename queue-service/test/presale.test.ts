import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import { sealSessionToken } from "@ticketping/common/accounts";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  hashPresaleCode,
  signQueueTicket,
  type QueueStanding,
  type WorkingTokenGrant,
} from "@ticketping/common/queue";
import { endPresaleTurn, giveBackPresaleUseOfReservation } from "@ticketping/db";
import { createTestBuyers } from "@ticketping/db/testing";
import { createPerformance } from "./support/fixtures";
import { TEST_SESSION_SECRET } from "./support/instance";
import { useQueueTestBed } from "./support/test-bed";

// Presale codes at the queue's doors (the session door here; the web app's ticket route in
// web/test/presale.test.ts), spent at the claim, given back once when a turn ends unbought.

const bed = useQueueTestBed("queue_presale");

type Ack<T> = { data: T; error?: undefined } | { data?: undefined; error: { code: string } };

interface Entered {
  code: string;
  socket?: Socket;
  /** What a refusal said besides its code (connect_error's data). */
  refusal?: object;
}

async function enter(
  url: string,
  options: { token?: string; ticket?: string; performanceId: string; presaleCode?: string },
): Promise<Entered> {
  const auth = options.ticket
    ? { ticket: options.ticket }
    : {
        performanceId: options.performanceId,
        ...(options.presaleCode === undefined ? {} : { presaleCode: options.presaleCode }),
      };
  const socket: Socket = io(url, {
    auth,
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: options.token ? { cookie: `next-auth.session-token=${options.token}` } : {},
  });
  const { code, refusal } = await new Promise<{ code: string; refusal?: object }>((resolve) => {
    socket.once("connect", () => {
      resolve({ code: "connected" });
    });
    socket.once("connect_error", (error: Error & { data?: { code?: string } }) => {
      resolve({ code: error.data?.code ?? error.message, refusal: error.data ?? {} });
    });
  });
  if (code !== "connected") {
    socket.disconnect();
    return { code, refusal };
  }
  bed.afterThisTest(() => void socket.disconnect());
  return { code, socket };
}

async function entered(...args: Parameters<typeof enter>): Promise<Socket> {
  const outcome = await enter(...args);
  if (!outcome.socket) throw new Error(`refused at the door: ${outcome.code}`);
  return outcome.socket;
}

const ask = async <T>(socket: Socket, event: string, performanceId: string): Promise<Ack<T>> =>
  (await socket.timeout(15_000).emitWithAck(event, { performanceId })) as Ack<T>;

async function buyers(count: number): Promise<{ id: string; token: string }[]> {
  const created = await createTestBuyers(bed.prisma, count);
  return created.map(({ id }) => ({
    id,
    token: sealSessionToken({ secret: TEST_SESSION_SECRET, userId: id }),
  }));
}

/**
 * A performance on sale now whose general sale opens in an hour and a half: a presale is
 * on, and the general sale's pre-queue (an hour's lead in these tests) not open yet.
 */
async function presalePerformance(): Promise<string> {
  const performanceId = await createPerformance(bed.prisma, {
    seats: 20,
    closesAt: new Date(Date.now() + 7_200_000),
  });
  await bed.prisma.performance.update({
    where: { id: performanceId },
    data: { generalSaleOpensAt: new Date(Date.now() + 5_400_000) },
  });
  return performanceId;
}

let codeCounter = 0;
async function presaleCode(
  performanceId: string,
  options: { useLimit?: number; revoked?: boolean } = {},
): Promise<{ id: string; code: string }> {
  codeCounter += 1;
  const code = `TEST-${String(Date.now()).slice(-6)}-${String(codeCounter).padStart(4, "0")}-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const useLimit = options.useLimit ?? 1;
  const row = await bed.prisma.presaleCode.create({
    data: {
      performanceId,
      kind: useLimit === 1 ? "SINGLE" : "SHARED",
      codeHash: hashPresaleCode(code),
      hint: code.slice(-4),
      useLimit,
      revokedAt: options.revoked ? new Date() : null,
    },
    select: { id: true },
  });
  return { id: row.id, code };
}

/** A presale performance, a buyer, a code of it, and the buyer let in on that code. */
async function holderLetIn(
  url: string,
  codeOptions: { useLimit?: number } = {},
): Promise<{
  performanceId: string;
  buyer: { id: string; token: string };
  code: { id: string; code: string };
  socket: Socket;
}> {
  const performanceId = await presalePerformance();
  const [buyer] = await buyers(1);
  if (!buyer) throw new Error("no buyer");
  const code = await presaleCode(performanceId, codeOptions);
  const socket = await entered(url, { token: buyer.token, performanceId, presaleCode: code.code });
  return { performanceId, buyer, code, socket };
}

/** A live hold of a presale turn, as create_hold writes it. */
async function holdOfTurn({
  performanceId,
  userId,
  presaleUseId,
}: {
  performanceId: string;
  userId: string;
  presaleUseId: string;
}) {
  const schedule = await bed.prisma.schedule.findFirstOrThrow({ where: { performanceId } });
  return bed.prisma.reservation.create({
    data: {
      userId,
      scheduleId: schedule.id,
      status: "PENDING",
      amountMinor: 1000,
      currency: "EUR",
      holdExpiresAt: new Date(Date.now() + 300_000),
      presaleUseId,
    },
  });
}

const usesOf = async (codeId: string) =>
  (await bed.prisma.presaleCode.findUniqueOrThrow({ where: { id: codeId } })).uses;

async function joinAndClaim(
  socket: Socket,
  performanceId: string,
): Promise<Ack<WorkingTokenGrant>> {
  const joined = await ask<QueueStanding>(socket, "queue:join", performanceId);
  if (!joined.data) throw new Error(`join refused: ${joined.error.code}`);
  expect(joined.data.status).toBe("admitted");
  return ask<WorkingTokenGrant>(socket, "queue:claim", performanceId);
}

async function until(check: () => Promise<boolean>, what: string, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * A queue service whose presale spends fail as on a database outage until `recover()`.
 */
async function serveWithSpendOutage(): Promise<{ url: string; recover: () => void }> {
  let outage = true;
  const instance = await bed.serve({
    presale: (ledger) => ({
      ...ledger,
      spend: async (use) => {
        if (outage) throw new Error("Connection terminated unexpectedly");
        return ledger.spend(use);
      },
    }),
  });
  return {
    url: instance.url,
    recover: () => {
      outage = false;
    },
  };
}

describe("presale codes at the session door", () => {
  it("refuses a missing, unknown, revoked or used-up code, and lets a valid one in", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const other = await presalePerformance();
    const [buyer] = await buyers(1);
    if (!buyer) throw new Error("no buyer");
    const valid = await presaleCode(performanceId);
    const revoked = await presaleCode(performanceId, { revoked: true });
    const foreign = await presaleCode(other);
    const usedUp = await presaleCode(performanceId);
    await bed.prisma.presaleCode.update({ where: { id: usedUp.id }, data: { uses: 1 } });
    const at = (code?: string) =>
      enter(instance.url, {
        token: buyer.token,
        performanceId,
        ...(code === undefined ? {} : { presaleCode: code }),
      }).then((outcome) => outcome.code);
    expect(await at()).toBe("PRESALE_CODE_REQUIRED");
    expect(await at("NOPE-NOPE-NOPE-NOPE")).toBe("PRESALE_CODE_INVALID");
    expect(await at(revoked.code)).toBe("PRESALE_CODE_INVALID");
    expect(await at(foreign.code)).toBe("PRESALE_CODE_INVALID");
    expect(await at(usedUp.code)).toBe("PRESALE_CODE_USED_UP");
    // Mistyped beyond any code's shape: refused as a code, not as a stranger (which would
    // send the page round the ticket route and back forever).
    for (const malformed of ["AB1", "ABCD_EFGH", "ABCD-EFGH.", "x".repeat(65)]) {
      expect(await at(malformed)).toBe("PRESALE_CODE_INVALID");
    }
    expect(
      (await enter(instance.url, { token: buyer.token, performanceId: "not-a-uuid" })).code,
    ).toBe("UNAUTHENTICATED");
    // Typed in lower case with spaces, the code is the same code.
    expect(await at(valid.code.toLowerCase().replaceAll("-", " "))).toBe("connected");
    // Checking at the door spends nothing: only a claim does.
    expect(await usesOf(valid.id)).toBe(0);
  });

  it("lets everybody in without a code outside a presale", async () => {
    const instance = await bed.serve();
    const performanceId = await createPerformance(bed.prisma, { seats: 5 });
    const [buyer] = await buyers(1);
    if (!buyer) throw new Error("no buyer");
    const socket = await entered(instance.url, { token: buyer.token, performanceId });
    const claimed = await joinAndClaim(socket, performanceId);
    expect(claimed.data?.token).toBeTruthy();
    expect(await bed.prisma.presaleUse.count({ where: { performanceId } })).toBe(0);
  });
});

describe("spending a presale code at the claim", () => {
  it("gives one single-use code's turn to exactly one of buyers racing for it", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const racers = await buyers(6);
    // Several rounds, each a fresh code and racers claiming at once on their own sockets.
    for (let round = 0; round < 3; round += 1) {
      const code = await presaleCode(performanceId);
      const pair = racers.slice(round * 2, round * 2 + 2);
      const sockets = await Promise.all(
        pair.map((buyer) =>
          entered(instance.url, { token: buyer.token, performanceId, presaleCode: code.code }),
        ),
      );
      for (const socket of sockets) {
        const joined = await ask<QueueStanding>(socket, "queue:join", performanceId);
        expect(joined.data?.status).toBe("admitted");
      }
      const claims = await Promise.all(
        sockets.map((socket) => ask<WorkingTokenGrant>(socket, "queue:claim", performanceId)),
      );
      const won = claims.filter((claim) => claim.data);
      const lost = claims.filter((claim) => claim.error);
      expect(won).toHaveLength(1);
      expect(lost.map((claim) => claim.error?.code)).toEqual(["PRESALE_CODE_USED_UP"]);
      expect(await usesOf(code.id)).toBe(1);
      expect(await bed.prisma.presaleUse.count({ where: { codeId: code.id } })).toBe(1);
      // The loser's slot ended at once: it is not kept idle for the next buyer.
      const loser = sockets[claims.findIndex((claim) => claim.error)];
      if (!loser) throw new Error("no loser");
      const standing = await ask<QueueStanding>(loser, "queue:status", performanceId);
      expect(standing.error?.code).toBe("NOT_IN_QUEUE");
    }
  });

  it("spends once per turn however often it is claimed; a spent code lets in its spender only", async () => {
    const instance = await bed.serve();
    const { performanceId, buyer, code, socket } = await holderLetIn(instance.url);
    const [another] = await buyers(1);
    if (!another) throw new Error("no buyer");
    const first = await joinAndClaim(socket, performanceId);
    const again = await Promise.all(
      [1, 2, 3].map(() => ask<WorkingTokenGrant>(socket, "queue:claim", performanceId)),
    );
    expect(again.map((claim) => claim.data?.tokenId)).toEqual(Array(3).fill(first.data?.tokenId));
    expect(await usesOf(code.id)).toBe(1);
    // Its spender comes back to the turn it paid for (a second tab, a reload) on the same
    // code, and claiming there answers the same turn without spending again.
    const back = await entered(instance.url, {
      token: buyer.token,
      performanceId,
      presaleCode: code.code,
    });
    const rejoined = await ask<QueueStanding>(back, "queue:join", performanceId);
    expect(rejoined.data?.status).toBe("active");
    const reclaimed = await ask<WorkingTokenGrant>(back, "queue:claim", performanceId);
    expect(reclaimed.data?.tokenId).toBe(first.data?.tokenId);
    expect(await usesOf(code.id)).toBe(1);
    // Anybody else is refused.
    expect(
      (await enter(instance.url, { token: another.token, performanceId, presaleCode: code.code }))
        .code,
    ).toBe("PRESALE_CODE_USED_UP");
  });

  it("signs no extension of a turn whose spend failed, pays it before signing, and keeps the extension for later", async () => {
    const instance = await serveWithSpendOutage();
    const { performanceId, code, socket } = await holderLetIn(instance.url);
    const claimed = await joinAndClaim(socket, performanceId);
    expect(claimed.error?.code).toBe("SERVICE_UNAVAILABLE");
    // The grant stays claimed for the retry, but its code has not paid: no token for it.
    const extended = await ask<WorkingTokenGrant>(socket, "queue:extend", performanceId);
    expect(extended.error?.code).toBe("SERVICE_UNAVAILABLE");
    expect(extended.data).toBeUndefined();
    expect(await usesOf(code.id)).toBe(0);
    instance.recover();
    const retried = await ask<WorkingTokenGrant>(socket, "queue:claim", performanceId);
    expect(retried.data?.token).toBeTruthy();
    expect(await usesOf(code.id)).toBe(1);
    // The failed extension did not use up the turn's one extension, and the use's turn now
    // ends with the extended token.
    const later = await ask<WorkingTokenGrant>(socket, "queue:extend", performanceId);
    expect(later.data?.token).toBeTruthy();
    expect(later.data?.extendable).toBe(false);
    const use = await bed.prisma.presaleUse.findFirstOrThrow({ where: { codeId: code.id } });
    expect(use.turnEndsAt?.getTime()).toBe(later.data?.expiresAt);
    expect(await usesOf(code.id)).toBe(1);
  });

  it("signs no extension of a turn whose code another holder spent meanwhile", async () => {
    const instance = await serveWithSpendOutage();
    const { performanceId, code, socket } = await holderLetIn(instance.url);
    expect((await joinAndClaim(socket, performanceId)).error?.code).toBe("SERVICE_UNAVAILABLE");
    await bed.prisma.presaleCode.update({ where: { id: code.id }, data: { uses: 1 } });
    instance.recover();
    const extended = await ask<WorkingTokenGrant>(socket, "queue:extend", performanceId);
    expect(extended.error?.code).toBe("PRESALE_CODE_USED_UP");
    // The unpaid turn ended at once.
    const standing = await ask<QueueStanding>(socket, "queue:status", performanceId);
    expect(standing.error?.code).toBe("NOT_IN_QUEUE");
  });

  it("spends the code a ticket carries, and keeps a ticket without one out of the presale", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const [holder, stranger] = await buyers(2);
    if (!holder || !stranger) throw new Error("no buyers");
    const code = await presaleCode(performanceId);
    const ticket = await signQueueTicket({
      secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
      userId: holder.id,
      performanceId,
      presaleCodeId: code.id,
    });
    const claimed = await joinAndClaim(
      await entered(instance.url, { ticket, performanceId }),
      performanceId,
    );
    expect(claimed.data?.token).toBeTruthy();
    expect(await usesOf(code.id)).toBe(1);
    // A ticket signed without a code (as before a presale was set) gets no place in it: the
    // line itself says the sale is not open yet to a buyer without a code.
    const bare = await signQueueTicket({
      secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
      userId: stranger.id,
      performanceId,
    });
    const bareSocket = await entered(instance.url, { ticket: bare, performanceId });
    const refused = await ask<QueueStanding>(bareSocket, "queue:join", performanceId);
    expect(refused.error?.code).toBe("NOT_OPEN_YET");
  });

  it("refuses, as an invalid code, the claim of a ticket naming no code of this performance", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const foreign = await presaleCode(await presalePerformance());
    const strangers = await buyers(2);
    // Only a forged or stale ticket carries such an id: one that names no code at all, and
    // one that names another performance's.
    for (const [index, presaleCodeId] of [randomUUID(), foreign.id].entries()) {
      const stranger = strangers[index];
      if (!stranger) throw new Error("no buyer");
      const ticket = await signQueueTicket({
        secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
        userId: stranger.id,
        performanceId,
        presaleCodeId,
      });
      const socket = await entered(instance.url, { ticket, performanceId });
      const claim = await joinAndClaim(socket, performanceId);
      expect(claim.error?.code).toBe("PRESALE_CODE_INVALID");
      // Nothing was spent, and the turn ended: the slot is free for the next buyer.
      const standing = await ask<QueueStanding>(socket, "queue:status", performanceId);
      expect(standing.error?.code).toBe("NOT_IN_QUEUE");
    }
    expect(await bed.prisma.presaleUse.count({ where: { performanceId } })).toBe(0);
    expect(await usesOf(foreign.id)).toBe(0);
  });

  it("refuses the claim of a holder whose code was revoked while in line", async () => {
    const instance = await bed.serve();
    const { performanceId, code, socket } = await holderLetIn(instance.url, {
      useLimit: 10,
    });
    const joined = await ask<QueueStanding>(socket, "queue:join", performanceId);
    expect(joined.data?.status).toBe("admitted");
    await bed.prisma.presaleCode.update({
      where: { id: code.id },
      data: { revokedAt: new Date() },
    });
    const claim = await ask<WorkingTokenGrant>(socket, "queue:claim", performanceId);
    expect(claim.error?.code).toBe("PRESALE_CODE_INVALID");
    expect(await usesOf(code.id)).toBe(0);
  });
});

describe("giving a presale use back", () => {
  it("gives an unbought turn's use back exactly once, however often the end is reported", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const [leaver, stayer] = await buyers(2);
    if (!leaver || !stayer) throw new Error("no buyers");
    const code = await presaleCode(performanceId, { useLimit: 3 });
    const sockets = await Promise.all(
      [leaver, stayer].map((buyer) =>
        entered(instance.url, { token: buyer.token, performanceId, presaleCode: code.code }),
      ),
    );
    for (const socket of sockets)
      expect((await joinAndClaim(socket, performanceId)).data).toBeTruthy();
    expect(await usesOf(code.id)).toBe(2);
    const [leaving] = sockets;
    if (!leaving) throw new Error("no socket");
    const left = await ask<{ left: string }>(leaving, "queue:leave", performanceId);
    expect(left.data?.left).toBe("active");
    await until(async () => (await usesOf(code.id)) === 1, "the leaver's use to come back");
    // The end of that turn reported again, many times at once (a redelivery, the sweeper
    // and the expiry listener together): nothing more comes back.
    const end = endPresaleTurn(bed.prisma);
    const turn = { performanceId, userId: leaver.id };
    const tokenId = (await bed.prisma.presaleUse.findFirstOrThrow({ where: { userId: leaver.id } }))
      .tokenId;
    const again = await Promise.all(
      Array.from({ length: 5 }, (_, index) => end(index % 2 ? turn : { ...turn, tokenId })),
    );
    expect(again).toEqual([0, 0, 0, 0, 0]);
    expect(await usesOf(code.id)).toBe(1);
    expect(
      await bed.prisma.presaleUse.count({ where: { codeId: code.id, returnedAt: { not: null } } }),
    ).toBe(1);
  });

  it("keeps the use of a turn left with a live hold, and gives it back when that hold ends unpaid", async () => {
    const instance = await bed.serve();
    const { performanceId, buyer, code, socket } = await holderLetIn(instance.url);
    const claimed = await joinAndClaim(socket, performanceId);
    if (!claimed.data) throw new Error("no token");
    const use = await bed.prisma.presaleUse.findUniqueOrThrow({
      where: { tokenId: claimed.data.tokenId },
    });
    const hold = await holdOfTurn({ performanceId, userId: buyer.id, presaleUseId: use.id });
    expect((await ask<{ left: string }>(socket, "queue:leave", performanceId)).data?.left).toBe(
      "active",
    );
    // The queue reported the end of this very turn (by its token), and the hold kept the use.
    await until(
      async () =>
        (await bed.prisma.presaleUse.findUniqueOrThrow({ where: { id: use.id } })).turnEndedAt !==
        null,
      "the end of the turn to be recorded",
    );
    expect(await usesOf(code.id)).toBe(1);
    await bed.prisma.reservation.update({
      where: { id: hold.id },
      data: { status: "CANCELLED", closedAt: new Date() },
    });
    expect(await giveBackPresaleUseOfReservation(bed.prisma, { reservationId: hold.id })).toBe(
      true,
    );
    expect(await usesOf(code.id)).toBe(0);
  });

  it("keeps the use of a turn that bought something, or whose payment is under way", async () => {
    const performanceId = await presalePerformance();
    const [buyer] = await buyers(1);
    if (!buyer) throw new Error("no buyer");
    const code = await presaleCode(performanceId, { useLimit: 2 });
    await bed.prisma.presaleCode.update({ where: { id: code.id }, data: { uses: 1 } });
    const tokenId = `token-${code.id}`;
    const use = await bed.prisma.presaleUse.create({
      data: {
        codeId: code.id,
        performanceId,
        userId: buyer.id,
        tokenId,
        spentAt: new Date(Date.now() - 60_000),
        turnEndsAt: new Date(Date.now() - 1_000),
      },
    });
    await holdOfTurn({ performanceId, userId: buyer.id, presaleUseId: use.id });
    const end = endPresaleTurn(bed.prisma);
    expect(await end({ performanceId, userId: buyer.id, tokenId })).toBe(0);
    expect(await end({ performanceId, userId: buyer.id })).toBe(0);
    expect(await usesOf(code.id)).toBe(1);
  });
});

describe("the end of a presale", () => {
  it("lets everybody in once the general sale opens, and spends nothing then", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const [buyer] = await buyers(1);
    if (!buyer) throw new Error("no buyer");
    expect((await enter(instance.url, { token: buyer.token, performanceId })).code).toBe(
      "PRESALE_CODE_REQUIRED",
    );
    // The organizer moves the general sale to now (the database, then the line's live copy,
    // as the console's edit does): the door reads it within its 5 s memory.
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt: new Date() },
    });
    await instance.service.store.invalidateSettings(performanceId);
    let socket: Socket | undefined;
    await until(
      async () => {
        socket = (await enter(instance.url, { token: buyer.token, performanceId })).socket;
        return socket !== undefined;
        // Each try spends one of the buyer's 30 entries a minute: not too often.
      },
      "the door to open to all",
      700,
    );
    if (!socket) throw new Error("no socket");
    const claimed = await joinAndClaim(socket, performanceId);
    expect(claimed.data?.token).toBeTruthy();
    expect(await bed.prisma.presaleUse.count({ where: { performanceId } })).toBe(0);
  });
});

describe("the presale check's place at the session door", () => {
  it("asks for the code before the proof of work, and says when the general sale opens", async () => {
    const instance = await bed.serve();
    const performanceId = await presalePerformance();
    const { generalSaleOpensAt } = await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { queuePowComplexity: 8_000 },
      select: { generalSaleOpensAt: true },
    });
    const [buyer] = await buyers(1);
    if (!buyer) throw new Error("no buyer");
    // No proof-of-work pass is held: a buyer without a code learns first that a code is
    // needed, as at the ticket route, instead of solving a proof of work to be refused.
    const { refusal } = await enter(instance.url, { token: buyer.token, performanceId });
    // When the line opens to all, and when a buyer without a code may line up for it (the
    // test bed's pre-queue lead, an hour, before).
    expect(refusal).toEqual({
      code: "PRESALE_CODE_REQUIRED",
      generalSaleOpensAt: generalSaleOpensAt?.toISOString(),
      generalPreQueueOpensAt: new Date(
        (generalSaleOpensAt?.getTime() ?? 0) - 3_600_000,
      ).toISOString(),
    });
    const withCode = await presaleCode(performanceId);
    expect(
      (await enter(instance.url, { token: buyer.token, performanceId, presaleCode: withCode.code }))
        .code,
    ).toBe("POW_REQUIRED");
  });
});

describe("a presale turn extended after the general sale opened", () => {
  it("moves the turn's recorded end with its token, so its use is not taken for over", async () => {
    const instance = await bed.serve();
    const { performanceId, code, socket } = await holderLetIn(instance.url);
    const claimed = await joinAndClaim(socket, performanceId);
    if (!claimed.data) throw new Error(`claim refused: ${claimed.error.code}`);
    const { turnEndsAt: firstEnd } = await bed.prisma.presaleUse.findUniqueOrThrow({
      where: { tokenId: claimed.data.tokenId },
    });
    // The general sale opens; the service's rules memory (5 s) then knows the presale is over.
    await bed.prisma.performance.update({
      where: { id: performanceId },
      data: { generalSaleOpensAt: new Date(Date.now() + 500) },
    });
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    const extended = await ask<WorkingTokenGrant>(socket, "queue:extend", performanceId);
    if (!extended.data) throw new Error(`extension refused: ${extended.error.code}`);
    const use = await bed.prisma.presaleUse.findUniqueOrThrow({
      where: { tokenId: claimed.data.tokenId },
    });
    expect(use.turnEndsAt?.getTime()).toBe(new Date(extended.data.expiresAt).getTime());
    expect(use.turnEndsAt?.getTime()).toBeGreaterThan(firstEnd?.getTime() ?? Infinity);
    expect(await usesOf(code.id)).toBe(1);
  });
});
