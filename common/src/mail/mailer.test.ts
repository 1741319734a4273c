import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOwnMailpit, type OwnMailpit } from "../testing";
import { createMailer, type Mailer } from "./mailer";

/** Real SMTP into a Mailpit of the test's own, read back through Mailpit's HTTP API. */
describe("mailer against Mailpit", () => {
  let mailpit: OwnMailpit;
  let mailer: Mailer;

  beforeAll(async () => {
    mailpit = await startOwnMailpit();
    mailer = createMailer({ smtpUrl: mailpit.smtpUrl, from: "Ticketping <tickets@test.local>" });
  });
  afterAll(async () => {
    mailer.close();
    await mailpit.remove();
  });

  it("delivers both parts, the From and a chosen Message-ID", async () => {
    await mailer.send({
      to: "ana@example.com",
      subject: "Your tickets",
      html: "<p>Row <b>A</b></p>",
      text: "Row A",
      messageId: "<order-1@ticketping.test>",
    });
    const [summary] = await mailpit.client.waitFor("ana@example.com");
    expect(summary?.Subject).toBe("Your tickets");
    expect(summary?.MessageID).toBe("order-1@ticketping.test");
    const message = await mailpit.client.message(summary?.ID ?? "");
    expect(message.From?.Address).toBe("tickets@test.local");
    expect(message.From?.Name).toBe("Ticketping");
    expect(message.HTML).toContain("<b>A</b>");
    expect(message.Text.trim()).toBe("Row A");
  });

  it("carries Korean in the subject, the sender's name and both parts as written", async () => {
    const korean = createMailer({ smtpUrl: mailpit.smtpUrl, from: "티켓핑 <tickets@test.local>" });
    try {
      await korean.send({
        to: "ko@example.com",
        subject: "봄의 소리 콘서트 티켓",
        html: "<p>김민준 님, 세종문화회관 대극장에서 뵙겠습니다.</p>",
        text: "김민준 님, 세종문화회관 대극장에서 뵙겠습니다.",
      });
    } finally {
      korean.close();
    }
    const [summary] = await mailpit.client.waitFor("ko@example.com");
    // Mailpit decodes the headers' encoded words and the parts' charset as a mail reader does.
    expect(summary?.Subject).toBe("봄의 소리 콘서트 티켓");
    const message = await mailpit.client.message(summary?.ID ?? "");
    expect(message.From?.Name).toBe("티켓핑");
    expect(message.HTML).toContain("김민준 님, 세종문화회관 대극장에서 뵙겠습니다.");
    expect(message.Text.trim()).toBe("김민준 님, 세종문화회관 대극장에서 뵙겠습니다.");
  });

  it("finds mail by recipient, lists and deletes all", async () => {
    await mailer.send({ to: "bo@example.com", subject: "One", html: "<p>1</p>", text: "1" });
    await mailer.send({ to: "cy@example.com", subject: "Two", html: "<p>2</p>", text: "2" });
    const toBo = await mailpit.client.waitFor("bo@example.com");
    expect(toBo.map((m) => m.Subject)).toEqual(["One"]);
    await mailpit.client.waitFor("cy@example.com");
    expect((await mailpit.client.list()).length).toBe(4);
    await mailpit.client.deleteAll();
    expect(await mailpit.client.list()).toEqual([]);
  });

  it("rejects while the SMTP server is down and sends once it is back", async () => {
    const quick = createMailer({
      smtpUrl: mailpit.smtpUrl,
      from: "tickets@test.local",
      timeoutMs: 2_000,
    });
    try {
      await mailpit.stop();
      expect(await quick.verify()).toBe(false);
      await expect(
        quick.send({ to: "di@example.com", subject: "Down", html: "<p>x</p>", text: "x" }),
      ).rejects.toThrow();
      await mailpit.start();
      await quick.send({ to: "di@example.com", subject: "Up", html: "<p>y</p>", text: "y" });
      const arrived = await mailpit.client.waitFor("di@example.com");
      expect(arrived.map((m) => m.Subject)).toEqual(["Up"]);
    } finally {
      quick.close();
    }
  });
});
