import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../src/server/openapi/document";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

/**
 * The production server serves the OpenAPI document built from the routes' schemas, and
 * the reference page shows every operation under the pages' nonce policy without any
 * script of another origin.
 */
let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_openapi" });
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

describe("GET /api/openapi.json", () => {
  it("answers the document this build makes from the zod schemas", async () => {
    const response = await fetch(`${web.baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    const served = (await response.json()) as unknown;
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

describe("the reference page /docs/api", () => {
  it("lists every operation and named schema, and loads scripts from this site only", async () => {
    const response = await fetch(`${web.baseUrl}/docs/api`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const html = await response.text();

    const document = openApiDocument();
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        const anchor = `${method}-${path.replace(/[^a-zA-Z0-9]+/g, "-").replace(/^-|-$/g, "")}`;
        expect(html, `${method} ${path}`).toContain(`id="${anchor}"`);
        expect(html).toContain(`href="#${anchor}"`);
      }
    }
    for (const name of Object.keys(document.components.schemas)) {
      expect(html).toContain(`id="schema-${name}"`);
    }
    expect(html).toContain("SEAT_UNAVAILABLE");
    const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map(([, src]) => src);
    for (const source of sources) expect(source).toMatch(/^\/_next\//);
  });
});
