import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPerformance, type SeededPerformance } from "./support/catalog-fixtures";
import { signedInUsers, type SignedInUser } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;
let organizer: SignedInUser;
let buyer: SignedInUser;
/** Two shows, the first of them cancelled. */
let partly: SeededPerformance;
/** One show, cancelled. */
let wholly: SeededPerformance;

interface ApiBody<Data> {
  data?: Data;
  error?: { code: string; message: string; details?: { reason?: string } };
}

interface ScheduleAnswer {
  id: string;
  startsAt: string;
  totalSeats: number;
  availableSeats: number;
  cancelledAt: string | null;
}

async function get<Data>(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${web.baseUrl}${path}`, { headers, redirect: "manual" });
  const type = response.headers.get("content-type") ?? "";
  return {
    status: response.status,
    location: response.headers.get("location"),
    body: type.includes("json") ? ((await response.json()) as ApiBody<Data>) : undefined,
    html: type.includes("html") ? await response.text() : "",
  };
}

async function buyerHeaders(performanceId: string): Promise<Record<string, string>> {
  const { token } = await system.admit(buyer, performanceId);
  return { cookie: buyer.cookie, "x-working-token": token };
}

const seatMapPath = (scheduleId: string) => `/api/schedules/${scheduleId}/seat-map`;
const first = (performance: SeededPerformance) => performance.scheduleIds[0] ?? "";
const second = (performance: SeededPerformance) => performance.scheduleIds[1] ?? "";

async function cancel(scheduleId: string): Promise<string> {
  const response = await fetch(`${web.baseUrl}/api/admin/schedules/${scheduleId}/cancellation`, {
    method: "POST",
    headers: { cookie: organizer.cookie, "content-type": "application/json" },
    body: JSON.stringify({ reason: "The artist is ill." }),
  });
  expect(response.status).toBe(202);
  const body = (await response.json()) as ApiBody<{ cancellation: { cancelledAt: string } }>;
  return body.data?.cancellation.cancelledAt ?? "";
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_cancelled_show" });
  web = await system.startWeb();
  [organizer, buyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "cancelshown-organizer", role: "ADMIN" },
    { label: "cancelshown-buyer" },
  ]);
  partly = await seedPerformance(system.prisma, {
    name: "Half Cancelled",
    opensInHours: -1,
    showsInHours: [48, 72],
    rows: 2,
    columns: 3,
  });
  wholly = await seedPerformance(system.prisma, {
    name: "All Cancelled",
    opensInHours: -1,
    showsInHours: [96],
    rows: 1,
    columns: 3,
  });
});

afterAll(async () => {
  await system.stop();
});

describe("a cancelled show, as buyers see it", () => {
  let cancelledAt: string;

  beforeAll(async () => {
    // The seat map is cached before the cancellation: the cancellation must refresh it.
    const before = await get<{ layout: { cancelledAt: string | null } }>(
      seatMapPath(first(partly)),
      await buyerHeaders(partly.id),
    );
    expect(before.body?.data?.layout.cancelledAt).toBeNull();
    cancelledAt = await cancel(first(partly));
    await cancel(first(wholly));
  });

  it("the performance answer carries cancelledAt per show, and no seat of it as available", async () => {
    const { status, body } = await get<{ performance: { schedules: ScheduleAnswer[] } }>(
      `/api/performances/${partly.slug}`,
    );
    expect(status).toBe(200);
    const shows = body?.data?.performance.schedules.map(({ startsAt: _, ...show }) => show);
    expect(shows).toEqual([
      {
        id: first(partly),
        totalSeats: 6,
        availableSeats: 0,
        cancelledAt,
      },
      {
        id: second(partly),
        totalSeats: 6,
        availableSeats: 6,
        cancelledAt: null,
      },
    ]);
  });

  it("the catalog reads a partly cancelled performance as on sale and a wholly cancelled one as cancelled", async () => {
    const { body } = await get<{
      performances: { id: string; phase: string; firstShowAt: string; lastShowAt: string }[];
    }>("/api/performances");
    const phaseOf = (id: string) => body?.data?.performances.find((p) => p.id === id)?.phase;
    expect(phaseOf(partly.id)).toBe("on-sale");
    expect(phaseOf(wholly.id)).toBe("cancelled");
    // The card's date range leaves the cancelled first show out.
    const shows = await get<{ performance: { schedules: ScheduleAnswer[] } }>(
      `/api/performances/${partly.slug}`,
    );
    const listed = body?.data?.performances.find((p) => p.id === partly.id);
    const secondStartsAt = shows.body?.data?.performance.schedules[1]?.startsAt;
    expect(listed?.firstShowAt).toBe(secondStartsAt);
    expect(listed?.lastShowAt).toBe(secondStartsAt);

    const onSale = await get<{ performances: { id: string }[] }>("/api/performances?sale=on-sale");
    const onSaleIds = onSale.body?.data?.performances.map((p) => p.id);
    expect(onSaleIds).toContain(partly.id);
    expect(onSaleIds).not.toContain(wholly.id);

    const detail = await get<{ performance: { phase: string } }>(
      `/api/performances/${wholly.slug}`,
    );
    expect(detail.body?.data?.performance.phase).toBe("cancelled");
    const partlyDetail = await get<{ performance: { phase: string } }>(
      `/api/performances/${partly.slug}`,
    );
    expect(partlyDetail.body?.data?.performance.phase).toBe("on-sale");
  });

  it("the catalog card and the page of a wholly cancelled performance say Cancelled, without sold-out or waitlist talk, in English and Korean", async () => {
    // The page also carries its client components' messages (the sold-out words among
    // them), so only what is rendered is read: the status panel and the phase badge.
    const statusOf = (html: string) =>
      /data-testid="sale-status">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
    const badgesOf = (html: string) =>
      [...html.matchAll(/<span class="inline-flex w-fit rounded-full[^"]*">([^<]*)<\/span>/g)].map(
        (match) => match[1],
      );

    const english = await get(`/performances/${wholly.slug}`, { cookie: "ticketping-locale=en" });
    expect(english.status).toBe(200);
    expect(statusOf(english.html)).toContain("Every show of this performance was cancelled.");
    expect(statusOf(english.html)).not.toMatch(/sold out|waitlist/i);
    expect(badgesOf(english.html)).toEqual(["Cancelled"]);
    const korean = await get(`/performances/${wholly.slug}`, { cookie: "ticketping-locale=ko" });
    expect(statusOf(korean.html)).toContain("이 공연의 모든 회차가 취소되었습니다.");
    expect(badgesOf(korean.html)).toEqual(["취소됨"]);

    const catalog = await get(`/performances?q=${encodeURIComponent(wholly.name)}`, {
      cookie: "ticketping-locale=en",
    });
    expect(catalog.status).toBe(200);
    expect(catalog.html).toContain(wholly.name);
    expect(badgesOf(catalog.html)).toEqual(["Cancelled"]);
  });

  it("the seat map's layout carries cancelledAt, and a hold on it is refused SHOW_CANCELLED", async () => {
    const headers = await buyerHeaders(partly.id);
    const map = await get<{ layout: { cancelledAt: string | null } }>(
      seatMapPath(first(partly)),
      headers,
    );
    expect(map.body?.data?.layout.cancelledAt).toBe(cancelledAt);
    const other = await get<{ layout: { cancelledAt: string | null } }>(
      seatMapPath(second(partly)),
      headers,
    );
    expect(other.body?.data?.layout.cancelledAt).toBeNull();

    const hold = await fetch(`${web.baseUrl}/api/schedules/${first(partly)}/holds`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ seatIds: [partly.seatIds[0]?.[0]] }),
    });
    expect(hold.status).toBe(409);
    const refused = (await hold.json()) as ApiBody<never>;
    expect(refused.error).toMatchObject({
      code: "SALE_CLOSED",
      message: "This show was cancelled.",
      details: { reason: "SHOW_CANCELLED" },
    });
  });

  it("the performance page marks the cancelled show and offers no Book link for it, in English and Korean", async () => {
    const english = await get(`/performances/${partly.slug}`, { cookie: "ticketping-locale=en" });
    expect(english.status).toBe(200);
    expect(english.html).toContain('data-testid="schedule-cancelled"');
    expect(english.html).not.toContain(`href="/book/${first(partly)}"`);
    expect(english.html).toContain(`href="/book/${second(partly)}"`);
    expect(english.html).toContain("This show was cancelled. Paid orders are refunded in full.");

    const korean = await get(`/performances/${partly.slug}`, { cookie: "ticketping-locale=ko" });
    expect(korean.html).toContain("취소됨");
    expect(korean.html).toContain("결제된 예매는 전액 환불됩니다.");
  });

  it("the booking page of the cancelled show shows the notice without a turn in line; the other show still sends the buyer to the line", async () => {
    const cancelled = await get(`/book/${first(partly)}`, { cookie: buyer.cookie });
    expect(cancelled.status).toBe(200);
    expect(cancelled.html).toContain('data-testid="show-cancelled-notice"');
    expect(cancelled.html).toContain("This show was cancelled");

    const open = await get(`/book/${second(partly)}`, { cookie: buyer.cookie });
    expect(open.status).toBe(307);
    expect(open.location).toContain(`/queue/${partly.id}`);

    const korean = await get(`/book/${first(partly)}`, {
      cookie: `${buyer.cookie}; ticketping-locale=ko`,
    });
    expect(korean.html).toContain("취소된 회차입니다");
  });

  it("the waiting room reached for the cancelled show says so instead of offering the line", async () => {
    const room = await get(`/queue/${partly.id}?schedule=${first(partly)}`, {
      cookie: buyer.cookie,
    });
    expect(room.status).toBe(200);
    expect(room.html).toContain('data-testid="show-cancelled-notice"');
    const other = await get(`/queue/${partly.id}?schedule=${second(partly)}`, {
      cookie: buyer.cookie,
    });
    expect(other.html).not.toContain('data-testid="show-cancelled-notice"');
  });

  it("the waiting room reached without a show (from the catalog) says so when every show is cancelled, and offers no line", async () => {
    const room = await get(`/queue/${wholly.id}`, { cookie: buyer.cookie });
    expect(room.status).toBe(200);
    expect(room.html).toContain('data-testid="show-cancelled-notice"');
    expect(room.html).not.toContain('data-testid="waiting-room"');
    const partlyRoom = await get(`/queue/${partly.id}`, { cookie: buyer.cookie });
    expect(partlyRoom.html).not.toContain('data-testid="show-cancelled-notice"');
    expect(partlyRoom.html).toContain('data-testid="waiting-room"');
  });
});
