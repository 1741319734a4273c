import { randomInt, randomUUID } from "node:crypto";
import { startFakeGitHub, type FakeGitHub, type FakeGitHubUser } from "@ticketping/common/testing";
import { E2E_GITHUB_CLIENT_ID, e2eEnv } from "../env";
import { expect, test } from "../fixtures/test";

// The web server is configured with a GitHub at E2E_GITHUB_PORT (playwright.config.ts);
// this spec runs it: oauth2-mock-server on GitHub's OAuth paths, with /user and
// /user/emails beside it, deciding who signs in at GitHub's consent screen.
let github: FakeGitHub;
const emailSuffix = `${randomUUID().slice(0, 8)}@e2e.invalid`;

test.beforeAll(async () => {
  github = await startFakeGitHub({
    port: e2eEnv.E2E_GITHUB_PORT,
    clientId: E2E_GITHUB_CLIENT_ID,
    clientSecret: process.env.E2E_GITHUB_SECRET ?? "",
  });
});

test.afterAll(async ({ prisma }) => {
  await github.stop();
  await prisma.user.deleteMany({ where: { email: { endsWith: emailSuffix } } });
});

function gitHubUser(label: string, { verified = true } = {}): FakeGitHubUser {
  const id = randomInt(10_000_000, 99_999_999);
  return {
    id,
    login: `${label}-${id}`,
    name: `${label} ${id}`,
    emails: [{ email: `${label}-${emailSuffix}`, primary: true, verified }],
  };
}

test("a GitHub user signs in, books nothing yet, signs out everywhere, and comes back as the same user", async ({
  page,
  prisma,
  baseURL,
}) => {
  const person = gitHubUser("octo");
  github.signInAs(person);

  await page.goto("/my-tickets");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmy-tickets/);
  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  await expect(page).toHaveURL(/\/my-tickets$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(person.name ?? "");
  // My tickets is a database page: it answers for our user, not for GitHub's id.
  await expect(page.getByText("You have no tickets yet.")).toBeVisible();

  const user = await prisma.user.findUniqueOrThrow({
    where: { email: `octo-${emailSuffix}` },
    include: { accounts: true },
  });
  expect(
    user.accounts.map(({ provider, providerAccountId }) => [provider, providerAccountId]),
  ).toEqual([["github", String(person.id)]]);
  const session = await page.request.get("/api/auth/session");
  expect(((await session.json()) as { user: { id: string } }).user.id).toBe(user.id);
  const cookies = await page.context().cookies();
  const oldCookie = cookies.find(({ name }) => name === "next-auth.session-token");
  expect(oldCookie).toBeDefined();

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  // The session it ended stays ended, wherever its cookie turns up.
  const replayed = await fetch(`${baseURL ?? ""}/api/me/reservations`, {
    headers: { cookie: `next-auth.session-token=${oldCookie?.value ?? ""}` },
  });
  expect(replayed.status).toBe(401);

  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  await expect(page).toHaveURL(/\/performances$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(person.name ?? "");
  expect(await prisma.user.count({ where: { email: `octo-${emailSuffix}` } })).toBe(1);
  expect(await prisma.account.count({ where: { userId: user.id } })).toBe(1);
});

test("a GitHub account whose email is not verified is turned away with the reason", async ({
  page,
  prisma,
}) => {
  github.signInAs(gitHubUser("unverified", { verified: false }));
  await page.goto("/signin");
  await page.getByRole("button", { name: "Continue with GitHub" }).click();
  await expect(page).toHaveURL(/\/signin\?error=EMAIL_NOT_VERIFIED$/);
  await expect(page.getByText("GitHub has no verified primary email")).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
  expect(await prisma.user.count({ where: { email: `unverified-${emailSuffix}` } })).toBe(0);
});
