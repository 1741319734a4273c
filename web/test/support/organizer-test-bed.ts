import { afterAll, beforeAll } from "vitest";
import { createBuyers, seedPerformance, type SeededSchedule, type TestBuyer } from "./booking";
import { signedInUsers } from "./sign-in";
import type { RunningWebServer } from "./web-server";
import { createWebTestSystem, type WebTestSystem } from "./web-test-system";

/** One answer of the web app's JSON API, its body of the test's own shape. */
export interface ApiAnswer<Body> {
  status: number;
  body: Body;
}

export interface OrganizerTestBed {
  system: WebTestSystem;
  web: RunningWebServer;
  /** Cookies of a signed-in organizer (ADMIN) and of a signed-in buyer. */
  adminCookie: string;
  buyerCookie: string;
  /** One seeded show on sale, and buyers with no session yet. */
  show: SeededSchedule;
  buyers: TestBuyer[];
  /** A JSON request, as the organizer unless `cookie` says otherwise (null: anonymous). */
  call: <Body>(
    method: string,
    path: string,
    options?: { cookie?: string | null; body?: unknown; headers?: Record<string, string> },
  ) => Promise<ApiAnswer<Body>>;
}

/**
 * The setup of a test file of an organizer's API: a web test system with the built web
 * app, a signed-in organizer and buyer, one show and some buyers; all stopped after the
 * file. The returned object is filled in before the file's first test.
 */
export function setUpOrganizerTestBed({
  label,
  rows,
  columns,
  buyers,
  env,
}: {
  label: string;
  rows: number;
  columns: number;
  buyers: number;
  env?: Record<string, string>;
}): OrganizerTestBed {
  const bed = {} as OrganizerTestBed;
  bed.call = async <Body>(
    method: string,
    path: string,
    {
      cookie = bed.adminCookie,
      body,
      headers = {},
    }: { cookie?: string | null; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer<Body>> => {
    const response = await fetch(`${bed.web.baseUrl}${path}`, {
      method,
      headers: {
        ...(cookie === null ? {} : { cookie }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Body };
  };

  beforeAll(async () => {
    bed.system = await createWebTestSystem({ label: `web_${label}` });
    bed.web = await bed.system.startWeb(env === undefined ? {} : { env });
    const [admin, buyer] = await signedInUsers(bed.system.prisma, bed.web.baseUrl, [
      { label: `${label}-organizer`, role: "ADMIN" },
      { label: `${label}-buyer` },
    ]);
    bed.adminCookie = admin.cookie;
    bed.buyerCookie = buyer.cookie;
    [bed.show] = (await seedPerformance(bed.system.prisma, { rows, columns })) as [SeededSchedule];
    bed.buyers = await createBuyers(bed.system.prisma, buyers);
  });

  afterAll(async () => {
    await bed.system.stop();
  });

  return bed;
}
