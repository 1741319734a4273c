import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "./support/sign-in";
import type { RunningWebServer } from "./support/web-server";
import { createWebTestSystem, type WebTestSystem } from "./support/web-test-system";

let system: WebTestSystem;
let web: RunningWebServer;

beforeAll(async () => {
  system = await createWebTestSystem({ label: "web_auth" });
  await system.prisma.user.create({
    data: {
      email: "fan@test.invalid",
      name: "Fan",
      passwordHash: await bcrypt.hash("correct horse battery", 4),
    },
  });
  web = await system.startWeb();
});

afterAll(async () => {
  await system.stop();
});

describe("sign-in with email and password", () => {
  it("opens a session whose user and role the server sees", async () => {
    const cookie = await signIn(web.baseUrl, {
      email: "FAN@test.invalid",
      password: "correct horse battery",
    });
    const session = (await (
      await fetch(`${web.baseUrl}/api/auth/session`, { headers: { cookie } })
    ).json()) as { user?: { email: string; role: string; id: string } };
    expect(session.user?.email).toBe("fan@test.invalid");
    expect(session.user?.role).toBe("USER");
    expect(session.user?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses a wrong password and an unknown email alike", async () => {
    await expect(
      signIn(web.baseUrl, { email: "fan@test.invalid", password: "wrong" }),
    ).rejects.toThrow(/sign-in failed/);
    await expect(
      signIn(web.baseUrl, { email: "nobody@test.invalid", password: "correct horse battery" }),
    ).rejects.toThrow(/sign-in failed/);
  });
});
