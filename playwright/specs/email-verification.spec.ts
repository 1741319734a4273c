import { MailpitClient } from "@ticketping/common/testing";
import { uniqueAccountDetails } from "../fixtures/accounts";
import { seatMap } from "../fixtures/seat-map";
import { expect, test } from "../fixtures/test";
import { e2eEnv } from "../env";

const mailpit = new MailpitClient(e2eEnv.E2E_MAILPIT_URL);

// The account is made through the form, so no fixture knows it.
test.afterAll(async ({ prisma }) => {
  await prisma.user.deleteMany({
    where: { email: { endsWith: "@e2e.invalid", startsWith: "confirming-" } },
  });
});

/** The verification link of a mail, as the buyer's mail client shows it. */
async function verificationLink(mailId: string): Promise<string> {
  const message = await mailpit.message(mailId);
  expect(message.Subject).toBe("Confirm your email address");
  const link = /https?:\/\/\S+\/verify-email\?token=\S+/.exec(message.Text)?.[0];
  if (!link) throw new Error(`no verification link in: ${message.Text}`);
  return link;
}

test("sign-up mails a link; the line waits for it; a new link ends the first; the newest confirms the address and the buyer gets in", async ({
  page,
  newShow,
}) => {
  const target = await newShow({ label: "Confirmed Only" });
  const details = uniqueAccountDetails("confirming");

  await page.goto("/signup");
  await page.getByLabel("Name").fill(details.name);
  await page.getByLabel("Email").fill(details.email);
  await page.getByLabel("Password").fill(details.password);
  await expect(page.getByTestId("pow-status").getByRole("status")).toHaveText(
    "Browser check done.",
  );
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/performances$/);
  const notice = page.getByTestId("verify-email-notice");
  await expect(notice).toContainText(`open the link we sent to ${details.email}`);

  // Unconfirmed, the buyer is told why the line will not take them, and how to fix it.
  await page.goto(`/book/${target.scheduleId}`);
  await expect(page).toHaveURL(new RegExp(`/queue/${target.performanceId}`));
  const refusal = page.getByTestId("queue-notice");
  await expect(refusal).toHaveAttribute("data-code", "EMAIL_NOT_VERIFIED");
  await expect(
    refusal.getByRole("heading", { name: "Confirm your email to join the line" }),
  ).toBeVisible();
  // Sign-up's mail arrives first (a link asked for before the worker wrote it would end it
  // unsent); then the buyer asks for another.
  const [signUpMail] = await mailpit.waitFor(details.email, { timeoutMs: 45_000 });
  const firstLink = await verificationLink(signUpMail?.ID ?? "");
  await refusal.getByRole("button", { name: "Send a new link" }).click();
  await expect(refusal.getByTestId("verification-mail-status")).toHaveText(
    `A new link is on its way to ${details.email}.`,
  );
  const mails = await mailpit.waitFor(details.email, { count: 2, timeoutMs: 45_000 });
  expect(mails).toHaveLength(2);
  expect(mails[1]?.ID).toBe(signUpMail?.ID);
  const link = await verificationLink(mails[0]?.ID ?? "");
  expect(link).not.toBe(firstLink);
  expect(new URL(link).origin).toBe(new URL(page.url()).origin);

  // Only the newest link works: sign-up's now reads as expired and confirms nothing.
  await page.goto(firstLink);
  const outcome = page.getByTestId("verify-email");
  await expect(outcome).toHaveAttribute("data-outcome", "expired");
  await expect(outcome.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(page.getByTestId("verify-email-notice")).toBeVisible();

  await page.goto(link);
  await expect(outcome).toHaveAttribute("data-outcome", "verified");
  await expect(outcome.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();
  await expect(page.getByTestId("verify-email-notice")).toHaveCount(0);

  // The link worked once.
  await page.goto(link);
  await expect(outcome).toHaveAttribute("data-outcome", "used");
  await expect(outcome.getByRole("heading", { name: "This link was already used" })).toBeVisible();

  // Confirmed, the same buyer goes through the waiting room to the seats.
  await page.goto(`/book/${target.scheduleId}`);
  await expect(page).toHaveURL(new RegExp(`/book/${target.scheduleId}$`), { timeout: 20_000 });
  await expect(seatMap(page)).toBeVisible();
});
