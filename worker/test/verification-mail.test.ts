import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEmailVerificationToken } from "@ticketping/common/accounts";
import {
  accountVerificationRequested,
  createEvent,
  decodeEvent,
  outboxMessage,
} from "@ticketping/common/events";
import type { EventPublisher } from "@ticketping/common/kafka";
import type { OwnMailpit, SpawnedService } from "@ticketping/common/testing";
import { writeOutbox, type PrismaClient } from "@ticketping/db";
import { startMailTestBed, type MailTestBed } from "./support/mail-test-bed";

const poll = { timeout: 30_000, interval: 100 };
const emailTokenSecret = randomBytes(32).toString("hex");

let bed: MailTestBed;
let prisma: PrismaClient;
let mailpit: OwnMailpit;
let worker: SpawnedService;
let publisher: EventPublisher;

const handled = (verificationId: string) =>
  worker.logs.filter(
    (line) => line.msg === "mail event handled" && line.verificationId === verificationId,
  );

/**
 * What sign-up writes (web/src/server/accounts/request-email-verification.ts): the user,
 * the verification and its event in one transaction; the worker's relay takes it from there.
 */
async function signUp({
  expiresInMs = 86_400_000,
  usedAt,
}: { expiresInMs?: number; usedAt?: Date } = {}) {
  const email = `verify-${randomUUID()}@test.invalid`;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { email, name: "New Fan" } });
    const verification = await tx.emailVerification.create({
      data: { userId: user.id, email, expiresAt: new Date(Date.now() + expiresInMs), usedAt },
    });
    const event = createEvent(accountVerificationRequested, {
      verificationId: verification.id,
      userId: user.id,
    });
    await writeOutbox(tx, [outboxMessage(accountVerificationRequested, event, { key: user.id })]);
    return { email, userId: user.id, verification };
  });
}

/**
 * The verification mail from the real worker process: the outbox row relayed to Kafka, the
 * mail recorded and sent over SMTP to a Mailpit of the test's own, read through its API.
 */
describe("the verification mail (real Kafka, PostgreSQL and Mailpit)", () => {
  beforeAll(async () => {
    bed = await startMailTestBed({
      label: "verification_mail",
      env: { EMAIL_TOKEN_SECRET: emailTokenSecret },
    });
    ({ prisma, mailpit, worker, publisher } = bed);
  });

  afterAll(async () => {
    await bed.stop();
  });

  it("mails one signed link per sign-up, however often the event is delivered", async () => {
    const { email, userId, verification } = await signUp();
    // The first event of a new consumer group waits for the group to settle.
    const [summary] = await mailpit.client.waitFor(email, { timeoutMs: 45_000 });

    // Kafka redelivers the very same event twice more.
    const row = await prisma.outboxEvent.findFirstOrThrow({
      where: { topic: accountVerificationRequested.topic, key: userId },
    });
    const event = decodeEvent(accountVerificationRequested, JSON.stringify(row.payload));
    await publisher.publish(accountVerificationRequested, event, { key: userId });
    await publisher.publish(accountVerificationRequested, event, { key: userId });
    await expect.poll(() => handled(verification.id).length, poll).toBe(3);
    expect(handled(verification.id).map((line) => line.recorded)).toEqual([true, false, false]);
    expect(await mailpit.client.to(email)).toHaveLength(1);
    expect(
      await prisma.mailMessage.findMany({ where: { recipient: email }, select: { status: true } }),
    ).toEqual([{ status: "SENT" }]);

    const message = await mailpit.client.message(summary?.ID ?? "");
    expect(message.Subject).toBe("Confirm your email address");
    const links = message.Text.match(/http:\/\/tickets\.test\/verify-email\?token=\S+/g) ?? [];
    expect(links).toHaveLength(1);
    const link = new URL(links[0] ?? "");
    expect(message.HTML).toContain(link.href.replaceAll("&", "&amp;"));
    // The link verifies: signed with the secret the web app checks, naming this
    // verification, working until the verification's own expiry.
    expect(
      readEmailVerificationToken({
        secret: emailTokenSecret,
        token: link.searchParams.get("token") ?? "",
      }),
    ).toEqual({
      valid: true,
      verificationId: verification.id,
      expiresAt: new Date(Math.floor(verification.expiresAt.getTime() / 1000) * 1000),
    });
    expect(message.Text).toContain("expires in 24 hours");
  });

  it("sends nothing for a link that was used or lapsed before the event arrived", async () => {
    // Spent in the sign-up's own transaction: marked afterwards, the running worker could
    // relay and mail the event first (the link clicked from a mail sent an instant earlier).
    const used = await signUp({ usedAt: new Date() });
    const lapsed = await signUp({ expiresInMs: 1 });
    // One mail that does go out, to know the worker has read past the other two.
    const fresh = await signUp();
    await mailpit.client.waitFor(fresh.email);
    for (const { verification } of [used, lapsed]) {
      await expect.poll(() => handled(verification.id).length, poll).toBe(1);
      expect(handled(verification.id)[0]?.recorded).toBe(false);
    }
    expect(await mailpit.client.to(used.email)).toHaveLength(0);
    expect(await mailpit.client.to(lapsed.email)).toHaveLength(0);
  });
});
