import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import {
  LOCAL_SMTP_URL,
  LOCAL_WEB_URL,
  mailConfigIssues,
  mailEnvFields,
  resolveMailConfig,
} from "./env-fields";

const shape = {
  SMTP_URL: mailEnvFields.smtpUrl,
  MAIL_FROM: mailEnvFields.mailFrom,
  PUBLIC_WEB_URL: mailEnvFields.publicWebUrl,
};
const web = "https://tickets.example.com";

describe("mail settings", () => {
  it("production without SMTP_URL or PUBLIC_WEB_URL is a start-up error naming each", () => {
    const issues = mailConfigIssues({ NODE_ENV: "production" });
    expect(issues).toHaveLength(2);
    expect(issues[0]).toMatch(/^SMTP_URL: required in production/);
    expect(issues[1]).toMatch(/^PUBLIC_WEB_URL: required in production/);
    expect(mailConfigIssues({ NODE_ENV: "production", PUBLIC_WEB_URL: web })).toHaveLength(1);
    expect(() => resolveMailConfig({ NODE_ENV: "production", PUBLIC_WEB_URL: web })).toThrow(
      /SMTP_URL/,
    );
  });

  it("development falls back to the local Mailpit and web app; configured values win", () => {
    expect(resolveMailConfig({ NODE_ENV: "development" })).toEqual({
      smtpUrl: LOCAL_SMTP_URL,
      publicWebUrl: LOCAL_WEB_URL,
    });
    expect(
      resolveMailConfig({
        NODE_ENV: "production",
        SMTP_URL: "smtps://u:p@mail:465",
        PUBLIC_WEB_URL: web,
      }),
    ).toEqual({ smtpUrl: "smtps://u:p@mail:465", publicWebUrl: web });
  });

  it("accepts smtp(s) URLs and From addresses, refuses anything else", () => {
    const ok = parseEnv(shape, {
      SMTP_URL: "smtp://user:secret@relay.example.com:587",
      MAIL_FROM: "Box Office <box@example.com>",
    });
    expect(ok.MAIL_FROM).toBe("Box Office <box@example.com>");
    expect(parseEnv(shape, {}).MAIL_FROM).toBe("Ticketping <tickets@ticketping.localhost>");
    expect(() => parseEnv(shape, { SMTP_URL: "http://relay:25" })).toThrow(/SMTP_URL/);
    expect(() => parseEnv(shape, { PUBLIC_WEB_URL: "ftp://tickets" })).toThrow(/PUBLIC_WEB_URL/);
    expect(() => parseEnv(shape, { MAIL_FROM: "not an address" })).toThrow(/MAIL_FROM/);
    expect(() => parseEnv(shape, { MAIL_FROM: "a@b.c\r\nBcc: x@y.z" })).toThrow(/MAIL_FROM/);
  });
});
