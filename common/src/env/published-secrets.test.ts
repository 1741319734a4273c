import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  DEVELOPMENT_QUEUE_TOKEN_SECRET,
} from "../queue/env-fields";
import { developmentSecret, isPublishedSecret, publishedSecretIssues } from ".";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** Where the repository shows configuration values: compose, .env.example and every doc. */
function publishedFiles(): string[] {
  const docs = execFileSync("git", ["ls-files", "*.md"], { cwd: repoRoot, encoding: "utf8" })
    .split("\n")
    .filter(Boolean);
  return ["docker-compose.yml", ".env.example", ...docs];
}

/** METRICS_TOKEN's minimum; every other secret is longer, so shorter values are prose. */
const SHORTEST_SECRET = 16;

/**
 * Literal values given to a secret-looking variable (`NAME=value`, `NAME: value`, or a
 * compose default `${NAME:-value}`); commands (`$(openssl ...)`) and placeholders are not.
 */
function secretValuesIn(text: string): { name: string; value: string }[] {
  const assignment =
    /\b([A-Z][A-Z0-9_]*(?:SECRET|TOKEN|SECRET_KEY))[ \t]*(?:=|:[ \t])[ \t]*(?:\$\{\1:?-([^}]*)\}|([^\s`'"$,)]+))/g;
  return [...text.matchAll(assignment)]
    .map((match) => ({ name: match[1] ?? "", value: match[2] ?? match[3] ?? "" }))
    .filter(({ value }) => value.length >= SHORTEST_SECRET && !/^[<$]|\.\.\./.test(value));
}

describe("published secrets", () => {
  it("knows every secret value the repository shows", () => {
    const shown = publishedFiles().flatMap((file) =>
      secretValuesIn(readFileSync(path.join(repoRoot, file), "utf8")).map((found) => ({
        file,
        ...found,
      })),
    );
    expect(shown.filter(({ value }) => !isPublishedSecret(value))).toEqual([]);
  });

  it("finds a literal default in compose syntax and in .env syntax", () => {
    expect(
      secretValuesIn(
        "A_SECRET: ${A_SECRET:-visible-one-0123456}\nB_TOKEN=visible-two-0123456789\n" +
          "C_SECRET=$(openssl rand -hex 16)\nD_SECRET: ${D_SECRET:?set D_SECRET please}",
      ),
    ).toEqual([
      { name: "A_SECRET", value: "visible-one-0123456" },
      { name: "B_TOKEN", value: "visible-two-0123456789" },
    ]);
  });

  it("includes the queue packages' local defaults and every development stand-in", () => {
    expect(isPublishedSecret(DEVELOPMENT_QUEUE_TICKET_SECRET)).toBe(true);
    expect(isPublishedSecret(DEVELOPMENT_QUEUE_TOKEN_SECRET)).toBe(true);
    expect(isPublishedSecret(developmentSecret("NEXTAUTH_SECRET"))).toBe(true);
    expect(isPublishedSecret("a-real-secret-nobody-has-read-0123456789")).toBe(false);
  });

  it("names each variable holding a published value, and only those", () => {
    const issues = publishedSecretIssues({
      NEXTAUTH_SECRET: "compose-demo-nextauth-secret-change-me-0123456789",
      QUEUE_TOKEN_SECRET: "a-real-secret-nobody-has-read-0123456789",
      METRICS_TOKEN: undefined,
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^NEXTAUTH_SECRET: equals a value published in the repository/);
  });
});
