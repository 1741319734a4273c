import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedPerformance, type SeededPerformance } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * A hall's aisles and sections: set by organizers only, on an existing hall or with a new
 * one, refused in words (with a stable code per field) when they overlap or leave the
 * hall, and drawn by every seat map of the hall's shows once saved, the cached map's ETag
 * moving with them.
 */
let system: WebTestSystem;
let web: RunningWebServer;
let adminCookie: string;
let buyerCookie: string;
let buyerId: string;
let performance: SeededPerformance;
let hallId: string;

interface Issue {
  path: string;
  message: string;
  code?: string;
}
interface ApiBody {
  data?: {
    hall?: { id: string; name?: string; rows: number; columns: number; plan: unknown };
    layout?: { plan?: unknown } | null;
    version?: string;
    seats?: { rows: number; columns: number; plan: unknown };
  };
  error?: { code: string; message: string; details?: { issues?: Issue[] } };
}

async function call(
  method: string,
  path: string,
  { cookie = adminCookie, body }: { cookie?: string | null; body?: unknown } = {},
): Promise<{ status: number; body: ApiBody }> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${web.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

const planPath = () => `/api/admin/halls/${hallId}/plan`;
const storedPlan = () =>
  system.prisma.hall.findUniqueOrThrow({
    where: { id: hallId },
    select: { aisleAfterRows: true, aisleAfterColumns: true, sections: true },
  });

const floorA = { name: "Floor A", fromRow: 1, toRow: 3, fromColumn: 1, toColumn: 3 };
const floorB = { name: "Floor B", fromRow: 1, toRow: 3, fromColumn: 4, toColumn: 6 };
const balcony = { name: "Balcony", fromRow: 4, toRow: 4, fromColumn: 1, toColumn: 6 };
const goodPlan = {
  aisleAfterRows: [3],
  aisleAfterColumns: [3],
  sections: [floorA, floorB, balcony],
};

/** The seat map as the booking page polls it, with the caller's cached version if any. */
async function readSeatMap(version?: string): Promise<{ status: number; body: ApiBody }> {
  const { token } = await system.admit({ id: buyerId }, performance.id);
  const response = await fetch(
    `${web.baseUrl}/api/schedules/${performance.scheduleIds[0] ?? ""}/seat-map`,
    {
      headers: {
        cookie: buyerCookie,
        "x-working-token": token,
        ...(version ? { "if-none-match": `"${version}"` } : {}),
      },
    },
  );
  return {
    status: response.status,
    body: response.status === 304 ? {} : ((await response.json()) as ApiBody),
  };
}

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_hall_plan" });
  web = await system.startWeb();
  const [organizer, buyer] = await signedInUsers(system.prisma, web.baseUrl, [
    { label: "organizer", role: "ADMIN" },
    { label: "buyer" },
  ]);
  [adminCookie, buyerCookie, buyerId] = [organizer.cookie, buyer.cookie, buyer.id];
  performance = await seedPerformance(system.prisma, {
    name: "Planned Hall Show",
    opensInHours: -1,
    showsInHours: [100],
    rows: 4,
    columns: 6,
  });
  const hall = await system.prisma.performance.findUniqueOrThrow({
    where: { id: performance.id },
    select: { hallId: true },
  });
  hallId = hall.hallId;
});

afterAll(async () => {
  await system.stop();
});

describe("a hall's plan", () => {
  it("is refused to anonymous callers (401) and buyers (403), and nothing is saved", async () => {
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", goodPlan],
    ] as const) {
      const anonymous = await call(method, planPath(), { cookie: null, body });
      expect([method, anonymous.status, anonymous.body.error?.code]).toEqual([
        method,
        401,
        "UNAUTHENTICATED",
      ]);
      const buyer = await call(method, planPath(), { cookie: buyerCookie, body });
      expect([method, buyer.status, buyer.body.error?.code]).toEqual([method, 403, "FORBIDDEN"]);
    }
    expect(await storedPlan()).toEqual({ aisleAfterRows: [], aisleAfterColumns: [], sections: [] });
  });

  it("starts empty, so an existing hall's seat map draws no aisle or section", async () => {
    const read = await call("GET", planPath());
    expect(read.status).toBe(200);
    expect(read.body.data?.hall).toEqual({
      id: hallId,
      rows: 4,
      columns: 6,
      plan: { aisleAfterRows: [], aisleAfterColumns: [], sections: [] },
    });
    const map = await readSeatMap();
    expect(map.status).toBe(200);
    expect(map.body.data?.layout?.plan).toEqual({
      aisleAfterRows: [],
      aisleAfterColumns: [],
      sections: [],
    });
  });

  it("refuses overlaps, ranges outside the hall and bad names in words, with a code per field", async () => {
    const refusals: [unknown, Issue][] = [
      [
        { ...goodPlan, sections: [floorA, { ...floorB, fromColumn: 3 }] },
        {
          path: "sections.1.name",
          code: "SECTIONS_OVERLAP",
          message: expect.stringContaining("Floor A") as string,
        },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, toRow: 5 }] },
        {
          path: "sections.0.toRow",
          code: "SECTION_OUTSIDE",
          message: "The hall has 4 rows of 6 seats.",
        },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, toColumn: 7 }] },
        {
          path: "sections.0.toColumn",
          code: "SECTION_OUTSIDE",
          message: "The hall has 4 rows of 6 seats.",
        },
      ],
      [
        { ...goodPlan, aisleAfterColumns: [6] },
        {
          path: "aisleAfterColumns.0",
          code: "AISLE_OUTSIDE",
          message: expect.any(String) as string,
        },
      ],
      [
        { ...goodPlan, aisleAfterRows: [2, 2] },
        {
          path: "aisleAfterRows.1",
          code: "AISLE_REPEATED",
          message: "There is already an aisle after 2.",
        },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, fromRow: 3, toRow: 2 }] },
        {
          path: "sections.0.toRow",
          code: "RANGE_REVERSED",
          message: "The last is before the first.",
        },
      ],
      [
        { ...goodPlan, sections: [floorA, { ...floorB, name: " floor a " }] },
        { path: "sections.1.name", code: "NAME_TAKEN", message: expect.any(String) as string },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, name: "x".repeat(41) }] },
        { path: "sections.0.name", message: "Use at most 40 characters." },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, name: "   " }] },
        { path: "sections.0.name", message: "Give the section a name." },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, name: "Floor \ud800" }] },
        { path: "sections.0.name", message: "The name holds a broken character." },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, fromRow: 0 }] },
        { path: "sections.0.fromRow", message: "Rows count from 1." },
      ],
      [
        { ...goodPlan, aisleAfterColumns: [1.5] },
        { path: "aisleAfterColumns.0", message: "Use a whole number." },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, extra: true }] },
        { path: "sections.0", message: expect.any(String) as string },
      ],
      [
        { aisleAfterRows: [] },
        { path: "aisleAfterColumns", message: expect.any(String) as string },
      ],
    ];
    for (const [body, issue] of refusals) {
      const refused = await call("PUT", planPath(), { body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error?.code).toBe("VALIDATION_FAILED");
      expect(refused.body.error?.details?.issues).toContainEqual(
        issue.code ? issue : expect.objectContaining(issue),
      );
    }
    expect(await storedPlan()).toEqual({ aisleAfterRows: [], aisleAfterColumns: [], sections: [] });

    const unknownHall = await call(
      "PUT",
      "/api/admin/halls/01900000-0000-7000-8000-000000000000/plan",
      {
        body: goodPlan,
      },
    );
    expect([unknownHall.status, unknownHall.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    const malformed = await call("PUT", "/api/admin/halls/not-a-hall/plan", { body: goodPlan });
    expect(malformed.status).toBe(404);
  });

  it("is saved whole, and the cached seat map of the hall's show draws it with a new ETag", async () => {
    const before = await readSeatMap();
    const version = before.body.data?.version ?? "";
    expect((await readSeatMap(version)).status).toBe(304);

    const saved = await call("PUT", planPath(), {
      body: {
        ...goodPlan,
        aisleAfterRows: [3, 1],
        sections: [floorB, { ...floorA, name: "  Floor A " }, balcony],
      },
    });
    expect(saved.status).toBe(200);
    const expected = {
      aisleAfterRows: [1, 3],
      aisleAfterColumns: [3],
      sections: [floorB, floorA, balcony],
    };
    expect(saved.body.data?.hall?.plan).toEqual(expected);
    expect(await storedPlan()).toEqual(expected);
    expect((await call("GET", planPath())).body.data?.hall?.plan).toEqual(expected);
    // The organizer's plan of the hall's show draws it too.
    const showSeats = await call(
      "GET",
      `/api/admin/schedules/${performance.scheduleIds[0] ?? ""}/held-back-seats`,
    );
    expect(showSeats.status).toBe(200);
    expect(showSeats.body.data?.seats).toMatchObject({ rows: 4, columns: 6, plan: expected });

    // The buyer's old version no longer matches: the map comes whole, with the plan.
    const after = await readSeatMap(version);
    expect(after.status).toBe(200);
    expect(after.body.data?.layout?.plan).toEqual(expected);
    expect(Number(after.body.data?.version)).toBeGreaterThan(Number(version));
    expect((await readSeatMap(after.body.data?.version)).status).toBe(304);

    // Removing everything is a plan too.
    const cleared = await call("PUT", planPath(), {
      body: { aisleAfterRows: [], aisleAfterColumns: [], sections: [] },
    });
    expect(cleared.status).toBe(200);
    expect((await readSeatMap()).body.data?.layout?.plan).toEqual({
      aisleAfterRows: [],
      aisleAfterColumns: [],
      sections: [],
    });
  });

  it("keeps a hall from shrinking away from its aisles and sections", async () => {
    const hall = await call("POST", "/api/admin/halls", {
      body: { name: "Shrinking Hall", address: "3 Test Road", rows: 6, columns: 6 },
    });
    const id = (hall.body.data?.hall as { id: string } | undefined)?.id ?? "";
    const planned = await call("PUT", `/api/admin/halls/${id}/plan`, {
      body: {
        aisleAfterRows: [],
        aisleAfterColumns: [5],
        sections: [{ name: "Back", fromRow: 5, toRow: 6, fromColumn: 1, toColumn: 6 }],
      },
    });
    expect(planned.status).toBe(200);
    for (const body of [{ rows: 5 }, { columns: 5 }]) {
      const shrunk = await call("PATCH", `/api/admin/halls/${id}`, { body });
      expect(shrunk.status).toBe(400);
      expect(shrunk.body.error?.details?.issues?.[0]?.path).toBe(Object.keys(body)[0]);
    }
    const grown = await call("PATCH", `/api/admin/halls/${id}`, { body: { rows: 8, columns: 7 } });
    expect(grown.status).toBe(200);
  });
});

describe("a new hall with its plan (POST /api/admin/halls { ..., plan })", () => {
  // 4 rows of 6 seats, as the hall above, so goodPlan fits.
  const newHall = (name: string, plan?: unknown) => ({
    name,
    address: "4 Test Road",
    rows: 4,
    columns: 6,
    ...(plan === undefined ? {} : { plan }),
  });
  const hallsNamed = (name: string) => system.prisma.hall.count({ where: { name } });

  it("is refused to anonymous callers (401) and buyers (403), and nothing is written", async () => {
    const body = newHall("Refused Planned Hall", goodPlan);
    const anonymous = await call("POST", "/api/admin/halls", { cookie: null, body });
    expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, "UNAUTHENTICATED"]);
    const buyer = await call("POST", "/api/admin/halls", { cookie: buyerCookie, body });
    expect([buyer.status, buyer.body.error?.code]).toEqual([403, "FORBIDDEN"]);
    expect(await hallsNamed("Refused Planned Hall")).toBe(0);
  });

  it("is created with its aisles and sections in one step, stored as the PUT stores them", async () => {
    const created = await call("POST", "/api/admin/halls", {
      body: newHall("Planned From The Start", {
        ...goodPlan,
        aisleAfterRows: [3, 1],
        sections: [floorB, { ...floorA, name: "  Floor A " }, balcony],
      }),
    });
    expect(created.status).toBe(201);
    const expected = {
      aisleAfterRows: [1, 3],
      aisleAfterColumns: [3],
      sections: [floorB, floorA, balcony],
    };
    const hall = created.body.data?.hall;
    expect(hall).toMatchObject({ name: "Planned From The Start", rows: 4, columns: 6 });
    expect(hall?.plan).toEqual(expected);
    expect(
      await system.prisma.hall.findUniqueOrThrow({
        where: { id: hall?.id ?? "" },
        select: { aisleAfterRows: true, aisleAfterColumns: true, sections: true },
      }),
    ).toEqual(expected);
    const read = await call("GET", `/api/admin/halls/${hall?.id ?? ""}/plan`);
    expect(read.body.data?.hall).toEqual({ id: hall?.id, rows: 4, columns: 6, plan: expected });
  });

  it("without a plan has none, as before", async () => {
    const created = await call("POST", "/api/admin/halls", { body: newHall("Unplanned Hall") });
    expect(created.status).toBe(201);
    expect(created.body.data?.hall?.plan).toEqual({
      aisleAfterRows: [],
      aisleAfterColumns: [],
      sections: [],
    });
  });

  it("refuses a plan as the PUT does, each issue under plan. with its code, and writes no hall", async () => {
    const refusals: [unknown, Issue][] = [
      [
        { ...goodPlan, sections: [floorA, { ...floorB, fromColumn: 3 }] },
        {
          path: "plan.sections.1.name",
          code: "SECTIONS_OVERLAP",
          message: expect.stringContaining("Floor A") as string,
        },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, toRow: 5 }] },
        {
          path: "plan.sections.0.toRow",
          code: "SECTION_OUTSIDE",
          message: "The hall has 4 rows of 6 seats.",
        },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, toColumn: 7 }] },
        {
          path: "plan.sections.0.toColumn",
          code: "SECTION_OUTSIDE",
          message: "The hall has 4 rows of 6 seats.",
        },
      ],
      [
        { ...goodPlan, aisleAfterColumns: [6] },
        {
          path: "plan.aisleAfterColumns.0",
          code: "AISLE_OUTSIDE",
          message: "An aisle must lie between two rows or seats: after 1 to 5.",
        },
      ],
      [
        { ...goodPlan, aisleAfterRows: [4] },
        {
          path: "plan.aisleAfterRows.0",
          code: "AISLE_OUTSIDE",
          message: "An aisle must lie between two rows or seats: after 1 to 3.",
        },
      ],
      [
        { ...goodPlan, aisleAfterRows: [2, 2] },
        {
          path: "plan.aisleAfterRows.1",
          code: "AISLE_REPEATED",
          message: "There is already an aisle after 2.",
        },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, fromRow: 3, toRow: 2 }] },
        {
          path: "plan.sections.0.toRow",
          code: "RANGE_REVERSED",
          message: "The last is before the first.",
        },
      ],
      [
        { ...goodPlan, sections: [floorA, { ...floorB, name: " floor a " }] },
        { path: "plan.sections.1.name", code: "NAME_TAKEN", message: expect.any(String) as string },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, name: "x".repeat(41) }] },
        { path: "plan.sections.0.name", message: "Use at most 40 characters." },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, name: "Floor \ud800" }] },
        { path: "plan.sections.0.name", message: "The name holds a broken character." },
      ],
      [
        { ...goodPlan, aisleAfterColumns: [1.5] },
        { path: "plan.aisleAfterColumns.0", message: "Use a whole number." },
      ],
      [
        { ...goodPlan, sections: [{ ...floorA, extra: true }] },
        { path: "plan.sections.0", message: expect.any(String) as string },
      ],
      [
        { aisleAfterRows: [] },
        { path: "plan.aisleAfterColumns", message: expect.any(String) as string },
      ],
      ["everything", { path: "plan", message: expect.any(String) as string }],
    ];
    for (const [plan, issue] of refusals) {
      const refused = await call("POST", "/api/admin/halls", {
        body: newHall("Never Created Hall", plan),
      });
      expect(refused.status, JSON.stringify(plan)).toBe(400);
      expect(refused.body.error?.code).toBe("VALIDATION_FAILED");
      expect(refused.body.error?.details?.issues, JSON.stringify(plan)).toContainEqual(
        issue.code ? issue : expect.objectContaining(issue),
      );
    }
    // A bad size is refused on its own field, the plan left uncompared.
    const tooSmall = await call("POST", "/api/admin/halls", {
      body: { ...newHall("Never Created Hall", goodPlan), rows: 0 },
    });
    expect([tooSmall.status, tooSmall.body.error?.details?.issues?.[0]?.path]).toEqual([
      400,
      "rows",
    ]);
    expect(await hallsNamed("Never Created Hall")).toBe(0);
  });
});
