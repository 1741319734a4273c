import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { LOCAL_SMTP_URL, mailConfigIssues, mailEnvFields, resolveSmtpUrl } from "./env-fields";

const shape = { SMTP_URL: mailEnvFields.smtpUrl, MAIL_FROM: mailEnvFields.mailFrom };

describe("mail settings", () => {
  it("production without SMTP_URL is a start-up error naming it", () => {
    const [issue] = mailConfigIssues({ NODE_ENV: "production" });
    expect(issue).toMatch(/^SMTP_URL: required in production/);
    expect(() => resolveSmtpUrl({ NODE_ENV: "production" })).toThrow(/SMTP_URL/);
  });

  it("development falls back to the local Mailpit; a configured URL wins everywhere", () => {
    expect(resolveSmtpUrl({ NODE_ENV: "development" })).toBe(LOCAL_SMTP_URL);
    expect(resolveSmtpUrl({ NODE_ENV: "production", SMTP_URL: "smtps://u:p@mail:465" })).toBe(
      "smtps://u:p@mail:465",
    );
  });

  it("accepts smtp(s) URLs and From addresses, refuses anything else", () => {
    const ok = parseEnv(shape, {
      SMTP_URL: "smtp://user:secret@relay.example.com:587",
      MAIL_FROM: "Box Office <box@example.com>",
    });
    expect(ok.MAIL_FROM).toBe("Box Office <box@example.com>");
    expect(parseEnv(shape, {}).MAIL_FROM).toBe("Ticketping <tickets@ticketping.localhost>");
    expect(() => parseEnv(shape, { SMTP_URL: "http://relay:25" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv(shape, { MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv(shape, { MAIL_FROM: "a@b.c\r\nBcc: x@y.z" })).toThrow(/MAIL_FROM/);
  });
});
