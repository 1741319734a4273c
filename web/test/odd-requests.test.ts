import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testIp } from "./support/catalog-fixtures";
import { signedInUsers } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * What Schemathesis found (web/fuzz): methods Next.js does not route answered 500 (TRACE)
 * or an empty 400 (QUERY), a 405 lacked Allow, and a NUL character in a text field
 * reached PostgreSQL and answered 500. Each is refused as documented now.
 */
let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_odd_requests" });
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

/** fetch refuses to send TRACE (as Next.js refused to read it): a plain HTTP request. */
function send(path: string, method: string): Promise<{ status: number; allow?: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(`${web.baseUrl}${path}`, { method }, (response) => {
      response.resume();
      response.once("end", () => {
        const allow = response.headers.allow;
        resolve({ status: response.statusCode ?? 0, ...(allow ? { allow } : {}) });
      });
    });
    outgoing.once("error", reject);
    outgoing.end();
  });
}

describe("methods no route serves", () => {
  it("TRACE and QUERY answer 405 with the route's methods, on API routes and pages", async () => {
    for (const method of ["TRACE", "QUERY"]) {
      expect(await send("/api/queue/working-token", method)).toEqual({
        status: 405,
        allow: "DELETE, OPTIONS, POST",
      });
      expect(await send("/performances", method)).toEqual({ status: 405, allow: "GET, HEAD" });
    }
  });

  it("a method the route does not export answers Next.js's 405, with Allow", async () => {
    expect(await send("/api/health", "PUT")).toEqual({ status: 405, allow: "GET, HEAD, OPTIONS" });
  });

  it("an API path no route serves is 404 for TRACE too", async () => {
    expect(await send("/api/no-such-route", "TRACE")).toEqual({ status: 404 });
  });
});

describe("a NUL character in text", () => {
  const expectRefused = async (response: Response, field: string) => {
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { code: string; details: { issues: { path: string }[] } };
    };
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(body.error.details.issues.map((issue) => issue.path)).toContain(field);
  };

  it("is refused in the catalog search, a sign-up's name and an organizer's hall", async () => {
    await expectRefused(await fetch(`${web.baseUrl}/api/performances?q=a%00b`), "q");

    const json = { "content-type": "application/json", "x-forwarded-for": testIp() };
    await expectRefused(
      await fetch(`${web.baseUrl}/api/auth/signup`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({
          email: "nul@test.invalid",
          name: "a\u0000b",
          password: "0123456789ab",
        }),
      }),
      "name",
    );

    const [organizer] = await signedInUsers(system.prisma, web.baseUrl, [
      { label: "odd-organizer", role: "ADMIN" },
    ]);
    await expectRefused(
      await fetch(`${web.baseUrl}/api/admin/halls`, {
        method: "POST",
        headers: { ...json, cookie: organizer.cookie },
        body: JSON.stringify({ name: "Hall\u0000", address: "1 Street", rows: 2, columns: 2 }),
      }),
      "name",
    );
  });
});
