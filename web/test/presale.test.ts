import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyQueueTicket } from "@ticketping/common/queue";
import { QueueStore } from "@ticketping/common/queue/store";
import { saleSettings } from "@ticketping/common/testing";
import type { TestBuyer } from "./support/booking";
import { formatDateTime } from "../src/components/format";
import { seedPerformance } from "./support/catalog-fixtures";
import { setUpOrganizerTestBed, type ApiAnswer } from "./support/organizer-test-bed";

// Presale codes in the web app: the organizer's API (make, list, revoke), the presale
// window on the performance (zod and the database's CHECK), and the ticket route's door.
// Spending and giving back happen at the queue service (queue-service/test/presale.test.ts).

const bed = setUpOrganizerTestBed({
  label: "presale",
  rows: 1,
  columns: 10,
  buyers: 4,
  env: { HOLD_MAX_OPEN_PER_BUYER: "10" },
});

interface CodeView {
  id: string;
  kind: string;
  hint: string;
  uses: number;
  useLimit: number;
  seatCap: number | null;
  revokedAt: string | null;
  code?: string;
}

interface ApiBody {
  data?: {
    codes?: CodeView[];
    code?: CodeView;
    ticket?: string;
    performance?: { generalSaleOpensAt?: string | null };
  };
  error?: {
    code: string;
    details?: {
      issues?: { path: string }[];
      reason?: string;
      generalSaleOpensAt?: string;
      generalPreQueueOpensAt?: string;
    };
  };
}

const call = (
  method: string,
  path: string,
  options?: Parameters<typeof bed.call>[2],
): Promise<ApiAnswer<ApiBody>> => bed.call<ApiBody>(method, path, options);

const codesPath = (performanceId = bed.show.performanceId) =>
  `/api/admin/performances/${performanceId}/presale-codes`;
const buyer = (index: number) => bed.buyers[index] as TestBuyer;
const inOneDay = () => new Date(Date.now() + 86_400_000);

async function requestTicket(who: TestBuyer, presaleCode?: string) {
  return call("POST", "/api/queue/ticket", {
    cookie: await bed.system.sessionCookie(who),
    body: {
      performanceId: bed.show.performanceId,
      ...(presaleCode === undefined ? {} : { presaleCode }),
    },
  });
}

async function makeCodes(body: unknown): Promise<CodeView[]> {
  const made = await call("POST", codesPath(), { body });
  expect(made.status).toBe(201);
  return made.body.data?.codes ?? [];
}

describe("the organizer's presale codes API", () => {
  it("is for organizers only", async () => {
    const someCode = randomUUID();
    const attempts: [string, string, unknown][] = [
      ["GET", codesPath(), undefined],
      ["POST", codesPath(), { kind: "SINGLE", count: 1 }],
      ["POST", `/api/admin/presale-codes/${someCode}/revoke`, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const anonymous = await call(method, path, { cookie: null, body });
      expect([path, anonymous.status, anonymous.body.error?.code]).toEqual([
        path,
        401,
        "UNAUTHENTICATED",
      ]);
      const asBuyer = await call(method, path, { cookie: bed.buyerCookie, body });
      expect([path, asBuyer.status, asBuyer.body.error?.code]).toEqual([path, 403, "FORBIDDEN"]);
    }
    expect(await bed.system.prisma.presaleCode.count()).toBe(0);
  });

  it("validates its input and names an unknown performance or code", async () => {
    const invalid = [
      {},
      { kind: "SINGLE" },
      { kind: "SINGLE", count: 0 },
      { kind: "SINGLE", count: 1001 },
      { kind: "SHARED", useLimit: 0 },
      { kind: "SHARED", useLimit: 5, seatCap: 0 },
      { kind: "SINGLE", count: 1, useLimit: 3 },
      { kind: "OTHER", count: 1 },
      // PostgreSQL cannot store NUL: refused at the boundary, not a 500 at the INSERT.
      { kind: "SINGLE", count: 1, label: "a\u0000b" },
    ];
    for (const body of invalid) {
      const answer = await call("POST", codesPath(), { body });
      expect([JSON.stringify(body), answer.status, answer.body.error?.code]).toEqual([
        JSON.stringify(body),
        400,
        "VALIDATION_FAILED",
      ]);
    }
    const unknown = await call("POST", codesPath(randomUUID()), {
      body: { kind: "SINGLE", count: 1 },
    });
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    expect((await call("GET", codesPath(randomUUID()))).status).toBe(404);
    const revokeUnknown = await call("POST", `/api/admin/presale-codes/${randomUUID()}/revoke`);
    expect(revokeUnknown.status).toBe(404);
    // A malformed id names nothing, as everywhere in the API.
    expect((await call("POST", "/api/admin/presale-codes/not-a-uuid/revoke")).status).toBe(404);
    expect(await bed.system.prisma.presaleCode.count()).toBe(0);
  });

  it("makes single-use and shared codes, shows them once and keeps only their hashes", async () => {
    const singles = await makeCodes({ kind: "SINGLE", count: 3, label: "fan club" });
    expect(singles).toHaveLength(3);
    const plain = singles.map((code) => code.code ?? "");
    expect(new Set(plain).size).toBe(3);
    for (const code of plain)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(singles.map((code) => [code.kind, code.useLimit, code.uses])).toEqual(
      Array(3).fill(["SINGLE", 1, 0]),
    );
    const [shared] = await makeCodes({ kind: "SHARED", useLimit: 50, seatCap: 2 });
    expect([shared?.kind, shared?.useLimit, shared?.seatCap]).toEqual(["SHARED", 50, 2]);

    const stored = await bed.system.prisma.presaleCode.findMany();
    const hashes = new Set(stored.map((row) => row.codeHash));
    for (const code of [...plain, shared?.code ?? ""]) {
      const normalized = code.replaceAll("-", "");
      expect(hashes.has(createHash("sha256").update(normalized).digest("hex"))).toBe(true);
      expect(JSON.stringify(stored)).not.toContain(normalized);
    }

    const listed = await call("GET", codesPath());
    expect(listed.status).toBe(200);
    expect(listed.body.data?.codes).toHaveLength(4);
    expect(listed.body.data?.codes?.some((code) => "code" in code)).toBe(false);
    expect(listed.body.data?.codes?.map((code) => code.hint).sort()).toEqual(
      [...plain, shared?.code ?? ""].map((code) => code.slice(-4)).sort(),
    );
  });

  it("revokes a code, and revoking again keeps the first time", async () => {
    const [code] = await makeCodes({ kind: "SINGLE", count: 1 });
    if (!code) throw new Error("no code");
    const revoked = await call("POST", `/api/admin/presale-codes/${code.id}/revoke`);
    expect(revoked.status).toBe(200);
    const firstTime = revoked.body.data?.code?.revokedAt;
    expect(firstTime).toBeTruthy();
    const again = await call("POST", `/api/admin/presale-codes/${code.id}/revoke`);
    expect(again.body.data?.code?.revokedAt).toBe(firstTime);
  });
});

describe("the presale window", () => {
  const performancePath = () => `/api/admin/performances/${bed.show.performanceId}`;

  it("must lie strictly inside the booking window: zod, then the database, never a 500", async () => {
    const performance = await bed.system.prisma.performance.findUniqueOrThrow({
      where: { id: bed.show.performanceId },
    });
    const outside = [
      performance.bookingOpensAt,
      new Date(performance.bookingOpensAt.getTime() - 1_000),
      performance.bookingClosesAt,
      new Date(performance.bookingClosesAt.getTime() + 1_000),
    ];
    for (const at of outside) {
      const answer = await call("PATCH", performancePath(), {
        body: { generalSaleOpensAt: at.toISOString() },
      });
      expect([answer.status, answer.body.error?.details?.issues?.[0]?.path]).toEqual([
        400,
        "generalSaleOpensAt",
      ]);
    }
    const set = await call("PATCH", performancePath(), {
      body: { generalSaleOpensAt: inOneDay().toISOString() },
    });
    expect(set.status).toBe(200);
    // Closing the booking before the general sale opens would leave it outside: refused.
    const closeEarly = await call("PATCH", performancePath(), {
      body: { bookingClosesAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    expect([closeEarly.status, closeEarly.body.error?.details?.issues?.[0]?.path]).toEqual([
      400,
      "generalSaleOpensAt",
    ]);
    const shown = await call("GET", performancePath());
    expect(shown.body.data?.performance?.generalSaleOpensAt).toBeTruthy();
    // The database refuses it too, whatever path writes it.
    await expect(
      bed.system.prisma.performance.update({
        where: { id: bed.show.performanceId },
        data: { generalSaleOpensAt: performance.bookingOpensAt },
      }),
    ).rejects.toThrow(/performances_presale_window/);
    const cleared = await call("PATCH", performancePath(), { body: { generalSaleOpensAt: null } });
    expect(cleared.status).toBe(200);
  });

  it("answers 200 or 400, never 500, to edits racing each other across the rule", async () => {
    const performance = await bed.system.prisma.performance.findUniqueOrThrow({
      where: { id: bed.show.performanceId },
    });
    const hours = (count: number) => new Date(Date.now() + count * 3_600_000).toISOString();
    const statuses = new Set<number>();
    for (let round = 0; round < 8; round += 1) {
      // Each is valid against what it reads; together the presale would end after closing.
      const answers = await Promise.all([
        call("PATCH", performancePath(), { body: { generalSaleOpensAt: hours(48) } }),
        call("PATCH", performancePath(), { body: { bookingClosesAt: hours(24) } }),
      ]);
      for (const answer of answers) statuses.add(answer.status);
      const now = await bed.system.prisma.performance.findUniqueOrThrow({
        where: { id: bed.show.performanceId },
      });
      if (now.generalSaleOpensAt) expect(now.generalSaleOpensAt < now.bookingClosesAt).toBe(true);
      await bed.system.prisma.performance.update({
        where: { id: bed.show.performanceId },
        data: { generalSaleOpensAt: null, bookingClosesAt: performance.bookingClosesAt },
      });
    }
    expect([...statuses].every((status) => status === 200 || status === 400)).toBe(true);
  });
});

describe("adding a presale to a sale with buyers in line", () => {
  it("is refused, while moving or removing one stays allowed", async () => {
    const night = await seedPerformance(bed.system.prisma, {
      name: "Line Formed Night",
      opensInHours: -1,
      showsInHours: [72],
    });
    const path = `/api/admin/performances/${night.id}`;
    const store = new QueueStore({ redis: bed.system.redis, keyPrefix: bed.system.keyPrefix });
    await store.putSettings(night.id, saleSettings({ maxActive: 0 }), 600_000);
    await store.join({ performanceId: night.id, userId: randomUUID(), newConnection: true });

    // The buyer lined up without a code: a presale now would refuse them at their claim.
    const added = await call("PATCH", path, {
      body: { generalSaleOpensAt: inOneDay().toISOString() },
    });
    expect([added.status, added.body.error?.code, added.body.error?.details?.reason]).toEqual([
      409,
      "CONFLICT",
      "BUYERS_IN_LINE",
    ]);
    expect(
      (await bed.system.prisma.performance.findUniqueOrThrow({ where: { id: night.id } }))
        .generalSaleOpensAt,
    ).toBeNull();

    // Set before anyone lined up, a presale may still be moved and removed afterwards.
    const empty = await seedPerformance(bed.system.prisma, {
      name: "Empty Line Night",
      opensInHours: -1,
      showsInHours: [72],
    });
    const emptyPath = `/api/admin/performances/${empty.id}`;
    const set = await call("PATCH", emptyPath, {
      body: { generalSaleOpensAt: inOneDay().toISOString() },
    });
    expect(set.status).toBe(200);
    await store.putSettings(empty.id, saleSettings({ maxActive: 0 }), 600_000);
    await store.join({ performanceId: empty.id, userId: randomUUID(), newConnection: true });
    const later = new Date(inOneDay().getTime() + 3_600_000).toISOString();
    expect((await call("PATCH", emptyPath, { body: { generalSaleOpensAt: later } })).status).toBe(
      200,
    );
    expect((await call("PATCH", emptyPath, { body: { generalSaleOpensAt: null } })).status).toBe(
      200,
    );
  });
});

describe("adding a presale while buyers without a code join", () => {
  // The check and the save are one step for the line: a join that lands before the presale's
  // mark makes the save fail; one after it is refused as during the presale. Either way no
  // buyer without a code is left in the line of a sale now in its presale.
  it("either refuses the save or leaves nobody without a code in the line", async () => {
    const store = new QueueStore({ redis: bed.system.redis, keyPrefix: bed.system.keyPrefix });
    const openSale = async (name: string) => {
      const night = await seedPerformance(bed.system.prisma, {
        name,
        opensInHours: -1,
        showsInHours: [72],
      });
      // Nobody is admitted (maxActive 0), so every join that got in stays in the line.
      await store.putSettings(night.id, saleSettings({ maxActive: 0 }), 600_000);
      return night.id;
    };
    const addPresale = (performanceId: string) =>
      call("PATCH", `/api/admin/performances/${performanceId}`, {
        body: { generalSaleOpensAt: inOneDay().toISOString() },
      });
    // The joins start at delays spread over one save's duration, so across the rounds they
    // land before, during and after the save's check.
    // The first save pays the route's cold start: the second is the one measured.
    let saveMs = 0;
    for (const name of ["Warm-up Night", "Measured Night"]) {
      const performanceId = await openSale(name);
      const start = performance.now();
      expect((await addPresale(performanceId)).status).toBe(200);
      saveMs = Math.max(10, performance.now() - start);
    }

    const rounds = 12;
    let saved = 0;
    let refusedSaves = 0;
    let joinsRefusedBySave = 0;
    for (let round = 0; round < rounds; round++) {
      const performanceId = await openSale(`Race Night ${round}`);
      const saving = { answered: false };
      const save = addPresale(performanceId).finally(() => {
        saving.answered = true;
      });
      const joins = (async () => {
        await new Promise((resolve) => setTimeout(resolve, (saveMs * round) / rounds));
        const outcomes = [];
        while (!saving.answered) {
          const wave = await Promise.allSettled(
            Array.from({ length: 4 }, () =>
              store.join({ performanceId, userId: randomUUID(), newConnection: true }),
            ),
          );
          outcomes.push(...wave);
        }
        return outcomes;
      })();
      const [answer, outcomes] = await Promise.all([save, joins]);
      const keys = store.keys(performanceId);
      const inLine =
        (await bed.system.redis.zcard(keys.waiting)) + (await bed.system.redis.zcard(keys.active));
      const { generalSaleOpensAt } = await bed.system.prisma.performance.findUniqueOrThrow({
        where: { id: performanceId },
      });
      if (answer.status === 200) {
        saved += 1;
        expect({ round, inLine }).toEqual({ round, inLine: 0 });
        expect(generalSaleOpensAt).not.toBeNull();
        joinsRefusedBySave += outcomes.filter(
          (outcome) =>
            outcome.status === "fulfilled" &&
            outcome.value.status === "refused" &&
            outcome.value.reason === "NOT_OPEN_YET",
        ).length;
      } else {
        refusedSaves += 1;
        expect([answer.status, answer.body.error?.details?.reason]).toEqual([
          409,
          "BUYERS_IN_LINE",
        ]);
        expect(generalSaleOpensAt).toBeNull();
      }
    }
    // The race happened: some saves won with joins arriving during them, and some lost.
    expect({ saved, refusedSaves, joinsRefusedBySave }).toEqual({
      saved: expect.any(Number) as number,
      refusedSaves: expect.any(Number) as number,
      joinsRefusedBySave: expect.any(Number) as number,
    });
    expect(Math.min(saved, refusedSaves, joinsRefusedBySave)).toBeGreaterThan(0);
  });

  it("takes the presale's mark back when the save fails, so buyers without a code join again", async () => {
    const night = await seedPerformance(bed.system.prisma, {
      name: "Failed Save Night",
      opensInHours: -1,
      showsInHours: [72],
    });
    const store = new QueueStore({ redis: bed.system.redis, keyPrefix: bed.system.keyPrefix });
    await store.putSettings(night.id, saleSettings({ maxActive: 0 }), 600_000);
    // The presale passes zod and the line's check, then the hall change fails the edit
    // (its shows are laid out in the old hall).
    const refused = await call("PATCH", `/api/admin/performances/${night.id}`, {
      body: { generalSaleOpensAt: inOneDay().toISOString(), hallId: randomUUID() },
    });
    expect([refused.status, refused.body.error?.details?.reason]).toEqual([409, "HAS_SCHEDULES"]);
    expect(
      (await bed.system.prisma.performance.findUniqueOrThrow({ where: { id: night.id } }))
        .generalSaleOpensAt,
    ).toBeNull();
    const joined = await store.join({
      performanceId: night.id,
      userId: randomUUID(),
      newConnection: true,
    });
    expect(joined.status).toBe("waiting");
  });
  it("lets buyers without a code in at once when the presale is removed again", async () => {
    const night = await seedPerformance(bed.system.prisma, {
      name: "Second Thoughts Night",
      opensInHours: -1,
      showsInHours: [72],
    });
    const store = new QueueStore({ redis: bed.system.redis, keyPrefix: bed.system.keyPrefix });
    await store.putSettings(night.id, saleSettings({ maxActive: 0 }), 600_000);
    const path = `/api/admin/performances/${night.id}`;
    const added = await call("PATCH", path, {
      body: { generalSaleOpensAt: inOneDay().toISOString() },
    });
    expect(added.status).toBe(200);
    expect((await call("PATCH", path, { body: { generalSaleOpensAt: null } })).status).toBe(200);
    // The settings as the queue reloads them: no presale.
    await store.putSettings(night.id, saleSettings({ maxActive: 0 }), 600_000);
    const joined = await store.join({
      performanceId: night.id,
      userId: randomUUID(),
      newConnection: true,
    });
    expect(joined.status).toBe("waiting");
  });

  it("takes back only the mark of the edit that set it", async () => {
    const performanceId = randomUUID();
    const store = new QueueStore({ redis: bed.system.redis, keyPrefix: bed.system.keyPrefix });
    await store.putSettings(performanceId, saleSettings({ maxActive: 0 }), 600_000);
    const join = async () =>
      store.join({ performanceId, userId: randomUUID(), newConnection: true });
    expect(await store.markPresalePending(performanceId, 60_000, "committed edit")).toEqual({
      marked: true,
    });
    // Another edit that failed takes back its own mark: not this one.
    await store.clearPresalePending(performanceId, "failed edit");
    expect(await join()).toMatchObject({ status: "refused", reason: "NOT_OPEN_YET" });
    await store.clearPresalePending(performanceId, "committed edit");
    expect((await join()).status).toBe("waiting");
  });
});

describe("the ticket route during a presale", () => {
  it("refuses a buyer without a valid code and admits a holder, with the code in the ticket", async () => {
    // Outside a presale no code is needed.
    expect((await requestTicket(buyer(0))).status).toBe(200);
    const moved = await call("PATCH", `/api/admin/performances/${bed.show.performanceId}`, {
      body: { generalSaleOpensAt: inOneDay().toISOString() },
    });
    expect(moved.status).toBe(200);

    const [valid, revoked, usedUp] = await makeCodes({ kind: "SINGLE", count: 3 });
    if (!valid?.code || !revoked?.code || !usedUp?.code) throw new Error("no codes");
    await call("POST", `/api/admin/presale-codes/${revoked.id}/revoke`);
    await bed.system.prisma.presaleCode.update({ where: { id: usedUp.id }, data: { uses: 1 } });

    const none = await requestTicket(buyer(1));
    expect([none.status, none.body.error?.code]).toEqual([403, "PRESALE_CODE_REQUIRED"]);
    // When the line opens to all, and when a buyer without a code may line up for it: the
    // pre-queue's lead before (QUEUE_PREQUEUE_LEAD_SECONDS, 1800 by default).
    const { generalSaleOpensAt: generalAt } = await bed.system.prisma.performance.findUniqueOrThrow(
      { where: { id: bed.show.performanceId } },
    );
    if (!generalAt) throw new Error("no general sale");
    expect(none.body.error?.details).toEqual({
      generalSaleOpensAt: generalAt.toISOString(),
      generalPreQueueOpensAt: new Date(generalAt.getTime() - 1_800_000).toISOString(),
    });
    const wrong = await requestTicket(buyer(1), "ABCD-EFGH-JKMN-PQRS");
    expect([wrong.status, wrong.body.error?.code]).toEqual([403, "PRESALE_CODE_INVALID"]);
    const gone = await requestTicket(buyer(1), revoked.code);
    expect([gone.status, gone.body.error?.code]).toEqual([403, "PRESALE_CODE_INVALID"]);
    const spent = await requestTicket(buyer(1), usedUp.code);
    expect([spent.status, spent.body.error?.code]).toEqual([409, "PRESALE_CODE_USED_UP"]);
    const malformed = await requestTicket(buyer(1), "<script>");
    expect(malformed.status).toBe(400);

    const admitted = await requestTicket(buyer(2), valid.code.toLowerCase());
    expect(admitted.status).toBe(200);
    const ticket = await verifyQueueTicket({
      secret: bed.system.secrets.queueTicket,
      ticket: admitted.body.data?.ticket ?? "",
    });
    expect(ticket.presaleCodeId).toBe(valid.id);
    // The ticket route checks; only the claim at the queue service spends.
    const row = await bed.system.prisma.presaleCode.findUniqueOrThrow({ where: { id: valid.id } });
    expect(row.uses).toBe(0);

    // The general sale opens (the organizer moves it to now): the line is open to all.
    await bed.system.prisma.performance.update({
      where: { id: bed.show.performanceId },
      data: { generalSaleOpensAt: new Date(Date.now() + 500) },
    });
    const deadline = Date.now() + 15_000;
    let open = await requestTicket(buyer(3));
    while (open.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 700));
      open = await requestTicket(buyer(3));
    }
    expect(open.status).toBe(200);
  });
});

describe("a presale code's seat cap", () => {
  /** A turn paid with `code`, as the queue service's claim records it, and its hold calls. */
  async function turnOf(who: TestBuyer, codeId: string) {
    const { token, tokenId } = await bed.system.admit(who, bed.show.performanceId);
    await bed.system.prisma.presaleUse.create({
      data: {
        codeId,
        performanceId: bed.show.performanceId,
        userId: who.id,
        tokenId,
        turnEndsAt: new Date(Date.now() + 600_000),
      },
    });
    const hold = async (seatIds: string[]) => {
      const response = await fetch(
        `${bed.web.baseUrl}/api/schedules/${bed.show.scheduleId}/holds`,
        {
          method: "POST",
          headers: {
            cookie: await bed.system.sessionCookie(who),
            "x-working-token": token,
            "content-type": "application/json",
          },
          body: JSON.stringify({ seatIds }),
        },
      );
      return {
        status: response.status,
        body: (await response.json()) as {
          error?: { code: string; details?: { limit?: string; max?: number } };
        },
      };
    };
    return { tokenId, hold };
  }

  it("caps the seats one turn paid with the code may hold", async () => {
    const [capped] = await makeCodes({ kind: "SHARED", useLimit: 10, seatCap: 2 });
    if (!capped) throw new Error("no code");
    const who = buyer(0);
    const { hold } = await turnOf(who, capped.id);
    const tooMany = await hold(bed.show.seatIds.slice(0, 3));
    expect([tooMany.status, tooMany.body.error?.code, tooMany.body.error?.details]).toEqual([
      409,
      "HOLD_LIMIT_REACHED",
      { limit: "presale-seat-cap", max: 2 },
    ]);
    expect(await bed.system.prisma.reservation.count({ where: { userId: who.id } })).toBe(0);
    expect((await hold(bed.show.seatIds.slice(0, 2))).status).toBe(201);
  });

  it("caps a turn's holds together, however many requests race (several open holds allowed)", async () => {
    const [capped] = await makeCodes({ kind: "SHARED", useLimit: 10, seatCap: 3 });
    if (!capped) throw new Error("no code");
    const who = buyer(1);
    const { hold } = await turnOf(who, capped.id);
    // Four requests of two free seats each, at once: only one fits within three seats.
    const pairs = [2, 4, 6, 8].map((first) => bed.show.seatIds.slice(first, first + 2));
    const answers = await Promise.all(pairs.map((seatIds) => hold(seatIds)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.body.error?.details).toEqual({ limit: "presale-seat-cap", max: 3 });
    }
    const heldSeats = () =>
      bed.system.prisma.reservationSeat.count({
        where: { reservation: { userId: who.id, status: "PENDING" } },
      });
    expect(await heldSeats()).toBe(2);
    // One more seat fits the cap; a fourth does not.
    const refusedPairs = pairs.filter((_, index) => answers[index]?.status === 409);
    const [one, another] = refusedPairs.map((pair) => pair[0] ?? "");
    expect((await hold([one ?? ""])).status).toBe(201);
    const beyond = await hold([another ?? ""]);
    expect([beyond.status, beyond.body.error?.details]).toEqual([
      409,
      { limit: "presale-seat-cap", max: 3 },
    ]);
    expect(await heldSeats()).toBe(3);
  });

  it("refuses a hold in a turn whose use came back, as a turn that is over", async () => {
    const [code] = await makeCodes({ kind: "SHARED", useLimit: 10 });
    if (!code) throw new Error("no code");
    const who = buyer(2);
    const { tokenId, hold } = await turnOf(who, code.id);
    await bed.system.prisma.presaleUse.update({
      where: { tokenId },
      data: { turnEndedAt: new Date(), returnedAt: new Date() },
    });
    const refused = await hold(bed.show.seatIds.slice(9, 10));
    expect([refused.status, refused.body.error?.code]).toEqual([403, "QUEUE_TOKEN_REQUIRED"]);
    expect(await bed.system.prisma.reservation.count({ where: { userId: who.id } })).toBe(0);
  });
});

describe("the performance page's presale notice", () => {
  it("is in the buyer's language, with its times in the buyer's locale on the hall's clock", async () => {
    const night = await seedPerformance(bed.system.prisma, {
      name: "Presale Notice Night",
      opensInHours: -1,
      showsInHours: [96],
    });
    const generalSaleOpensAt = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 86_400_000);
    const { hall } = await bed.system.prisma.performance.update({
      where: { id: night.id },
      data: { generalSaleOpensAt },
      select: { hall: { select: { timeZone: true } } },
    });
    const page = async (locale: string) => {
      const response = await fetch(`${bed.web.baseUrl}/performances/${night.slug}`, {
        headers: { cookie: `ticketping-locale=${locale}` },
      });
      expect(response.status).toBe(200);
      const html = await response.text();
      // The notice's text alone, tags removed (React splits text around values).
      const notice = /data-testid="presale-notice"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "";
      return notice.replace(/<[^>]+>/g, "").replace(/&#x27;|&apos;/g, "'");
    };
    const english = await page("en");
    expect(english).toContain("Presale. Until the general sale opens (");
    expect(english).toContain(formatDateTime(generalSaleOpensAt, "en", hall.timeZone));
    const korean = await page("ko");
    expect(korean).toContain("선예매.");
    expect(korean).toContain(formatDateTime(generalSaleOpensAt, "ko", hall.timeZone));
    expect(korean).not.toContain("Presale");
  });
});
