import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, testIp, uniqueEmail } from "./support/catalog-fixtures";
import { solvedPow } from "./support/pow";
import { signIn } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_languages" });
  // A light browser check: sign-up here is about the language, not the proof of work.
  web = await system.startWeb({ env: { POW_SIGNUP_COMPLEXITY: "500" } });
}, 60_000);

afterAll(async () => {
  await system.stop();
});

async function catalog(headers: Record<string, string>) {
  const response = await fetch(`${web.baseUrl}/performances`, { headers });
  expect(response.status).toBe(200);
  const html = await response.text();
  return {
    lang: /<html lang="([a-z]+)"/.exec(html)?.[1],
    heading: /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1],
  };
}

function switchLanguage(locale: string, headers: Record<string, string> = {}) {
  return fetch(`${web.baseUrl}/language`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ locale }),
  });
}

describe("the site's language", () => {
  it("is the browser's when it speaks it, English otherwise, and the cookie's above both", async () => {
    expect(await catalog({ "accept-language": "ko-KR,ko;q=0.9,en;q=0.8" })).toEqual({
      lang: "ko",
      heading: "공연",
    });
    expect(await catalog({ "accept-language": "fr-FR,de;q=0.5" })).toEqual({
      lang: "en",
      heading: "Performances",
    });
    expect(await catalog({})).toEqual({ lang: "en", heading: "Performances" });
    expect(await catalog({ "accept-language": "ko-KR", cookie: "ticketping-locale=en" })).toEqual({
      lang: "en",
      heading: "Performances",
    });
  });

  it("is switched by a form post: a year's cookie and back to the page it came from", async () => {
    const answer = await switchLanguage("ko", {
      referer: `${web.baseUrl}/performances?q=aurora`,
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/performances?q=aurora");
    const cookie = answer.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^ticketping-locale=ko; Path=\/; Max-Age=31536000; SameSite=Lax/);
  });

  it("never sends the browser to another site, and takes only the languages it speaks", async () => {
    const elsewhere = await switchLanguage("en", { referer: "https://evil.example/phish" });
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get("location")).toBe("/performances");

    const unknown = await switchLanguage("fr");
    expect(unknown.status).toBe(400);
    expect(
      ((await unknown.json()) as { error: { code: string; details: unknown } }).error,
    ).toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [expect.objectContaining({ path: "locale" })] },
    });
    expect(unknown.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a switch posted from another site", async () => {
    const answer = await switchLanguage("ko", { "sec-fetch-site": "cross-site" });
    expect(answer.status).toBe(403);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("CSRF_REJECTED");
  });

  it("is kept on the account of a signed-in buyer, for the mail sent to them", async () => {
    const user = await createUser(system.prisma, { label: "language" });
    const session = await signIn(web.baseUrl, { ...user, ip: testIp() });
    expect((await switchLanguage("ko", { cookie: session })).status).toBe(303);
    const stored = await system.prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { locale: true },
    });
    expect(stored.locale).toBe("ko");
    expect((await switchLanguage("en", { cookie: session })).status).toBe(303);
    const again = await system.prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: { locale: true },
    });
    expect(again.locale).toBe("en");
  });

  it("is kept by sign-up: the language the site spoke to the browser", async () => {
    const email = uniqueEmail("korean-signup");
    const response = await fetch(`${web.baseUrl}/api/auth/signup`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "accept-language": "ko-KR,ko;q=0.9",
        "x-forwarded-for": testIp(),
      },
      body: JSON.stringify({
        email,
        name: "민준",
        password: "long enough pw",
        pow: await solvedPow(web.baseUrl, { purpose: "signup" }),
      }),
    });
    expect(response.status).toBe(201);
    const stored = await system.prisma.user.findUniqueOrThrow({
      where: { email },
      select: { locale: true },
    });
    expect(stored.locale).toBe("ko");
  });
});
