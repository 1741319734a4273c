import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_ID_HEADER } from "@ticketping/common/logger";
import {
  createBuyers,
  seedPerformance,
  type SeededSchedule,
  type TestBuyer,
} from "./support/booking";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let show: SeededSchedule;
let buyer: TestBuyer;

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_queue_token_details" });
  [show] = (await seedPerformance(system.prisma, { rows: 1, columns: 4 })) as [SeededSchedule];
  [buyer] = (await createBuyers(system.prisma, 1)) as [TestBuyer];
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

const seatMapUrl = () => `${web.baseUrl}/api/schedules/${show.scheduleId}/seat-map`;
const holdsUrl = () => `${web.baseUrl}/api/schedules/${show.scheduleId}/holds`;

async function read(response: Response) {
  return {
    status: response.status,
    body: (await response.json()) as ErrorBody,
    // route() stamps every answer with a request id; the proxy's own answers have none.
    answeredByRoute: response.headers.has(REQUEST_ID_HEADER),
  };
}

const tokenless = async () => ({ cookie: await system.sessionCookie(buyer) });
const holdWithout = async (headers: Record<string, string>) =>
  fetch(holdsUrl(), {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ seatIds: [show.seatIds[0]] }),
  });

describe("QUEUE_TOKEN_REQUIRED details", () => {
  it("come with every refusal of a call without a token, from the route or the proxy", async () => {
    const expected = {
      code: "QUEUE_TOKEN_REQUIRED",
      message: "Please wait your turn in the queue.",
      details: {
        performanceId: show.performanceId,
        waitingRoom: `/queue/${show.performanceId}?schedule=${show.scheduleId}`,
      },
    };
    // A fresh server has not seen this show: the route refuses it, and the proxy learns it.
    const first = await read(await fetch(seatMapUrl(), { headers: await tokenless() }));
    expect(first).toEqual({ status: 403, body: { error: expected }, answeredByRoute: true });

    // From now on the proxy refuses it alone (no route code, no Redis), with the same body.
    const poll = await read(await fetch(seatMapUrl(), { headers: await tokenless() }));
    expect(poll).toEqual({ status: 403, body: { error: expected }, answeredByRoute: false });
    const hold = await read(await holdWithout(await tokenless()));
    expect(hold).toEqual({ status: 403, body: { error: expected }, answeredByRoute: false });

    // A malformed token passes the proxy (it carries one) and gets the same answer.
    const malformed = await read(
      await fetch(seatMapUrl(), {
        headers: { ...(await tokenless()), "x-working-token": "not-a-token" },
      }),
    );
    expect(malformed).toEqual({ status: 403, body: { error: expected }, answeredByRoute: true });
  });

  it("asks a caller without a session to sign in first, as the route does", async () => {
    const poll = await read(await fetch(seatMapUrl()));
    expect(poll.status).toBe(401);
    expect(poll.answeredByRoute).toBe(false);
    expect(poll.body.error.code).toBe("UNAUTHENTICATED");
    const hold = await read(await holdWithout({}));
    expect(hold.status).toBe(401);
    expect(hold.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("lets an admitted buyer through", async () => {
    const admitted = await fetch(seatMapUrl(), {
      headers: await system.buyerHeaders(buyer, show.performanceId),
    });
    expect(admitted.status).toBe(200);
  });
});
