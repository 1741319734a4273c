import { uniqueAccountDetails } from "../fixtures/accounts";
import { expect, test } from "../fixtures/test";

// The first test signs up through the form, so no fixture knows that account.
test.afterAll(async ({ prisma }) => {
  await prisma.user.deleteMany({
    where: { email: { endsWith: "@e2e.invalid", startsWith: "newcomer-" } },
  });
});

test("a visitor signs up, is told what a valid password is, and lands signed in", async ({
  page,
}) => {
  const details = uniqueAccountDetails("newcomer");
  await page.goto("/performances");
  await page.getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create an account" })).toBeVisible();

  await page.getByLabel("Name").fill(details.name);
  await page.getByLabel("Email").fill(details.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Password").fill(details.password);
  // The sign-up's proof of work, solved by the page in its own Web Workers under its CSP.
  await expect(page.getByTestId("pow-status").getByRole("status")).toHaveText(
    "Browser check done.",
  );
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/performances$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(details.name);
  await expect(page.getByRole("link", { name: "My tickets" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Organizer" })).toHaveCount(0);

  // The same email cannot register twice.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(details.email.toUpperCase());
  await page.getByLabel("Password").fill("another long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in instead" })).toBeVisible();
});

test("a buyer signs in after a wrong password, reaches My tickets, and signs out", async ({
  newBuyer,
}) => {
  const { account, page } = await newBuyer("returning", { signedIn: false });

  await page.goto("/my-tickets");
  // Anonymous visitors are sent to sign in, and come back afterwards.
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmy-tickets/);

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill("not the password");
  const signInButton = page.getByRole("button", { name: "Sign in" });
  const wrong = page.getByText("Email or password is incorrect.");
  await signInButton.click();
  await expect(wrong).toBeVisible();

  // An unknown email gets the very same message.
  await page.getByLabel("Email").fill(`nobody-${account.email}`);
  await signInButton.click();
  await expect(signInButton).toBeEnabled();
  await expect(wrong).toBeVisible();

  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await signInButton.click();
  await expect(page).toHaveURL(/\/my-tickets$/);
  await expect(page.getByRole("heading", { level: 1, name: "My tickets" })).toBeVisible();
  await expect(page.getByText("You have no tickets yet.")).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveText(account.name);

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("signed-in-user")).toHaveCount(0);
});
