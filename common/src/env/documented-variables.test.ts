import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");

/** Where each process declares the variables it reads at start-up (one zod shape each). */
const ENV_MODULES: Record<string, string> = {
  web: "web/src/env.ts",
  "queue-service": "queue-service/src/env.ts",
  worker: "worker/src/env.ts",
  "database client and migrations": "prisma/src/env.ts",
  "tracing, in every process": "common/src/tracing/env.ts",
  "pre-queue lead, in web and queue-service": "common/src/env/pre-queue-lead.ts",
};

/**
 * Variables on which two processes must agree to the second, each read by one shared
 * module only: a copy in a process's own env module could parse or default it otherwise.
 */
const READ_IN_ONE_PLACE: Record<string, string> = {
  QUEUE_PREQUEUE_LEAD_SECONDS: "common/src/env/pre-queue-lead.ts",
};

/**
 * Read by Next.js's standalone server.js, which web's build runs: no env module of ours
 * declares them, yet an operator starting the build must know them.
 */
const READ_BY_NEXT_SERVER = ["PORT", "HOSTNAME", "KEEP_ALIVE_TIMEOUT"];

const VARIABLE = /^[A-Z][A-Z0-9_]*$/;

/**
 * The variables an env module declares: the upper-case keys of its object literals (the
 * shape given to loadEnvOrExit). A spread or a computed key would hide names from this
 * reading, so it fails rather than pass with a name unseen.
 */
function declaredVariables(fileName: string, text: string): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const keys = node.properties.flatMap((property) =>
        property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))
          ? [property.name.text]
          : [],
      );
      const variables = keys.filter((key) => VARIABLE.test(key));
      const hidden = node.properties.some(
        (property) => ts.isSpreadAssignment(property) || ts.isComputedPropertyName(property.name),
      );
      if (variables.length > 0 && hidden) {
        throw new Error(`${fileName}: a spread or computed key hides variable names`);
      }
      names.push(...variables);
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest));
  return names;
}

/** The body of a `## <title>` section, up to the next `## ` heading. */
function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`no "## ${title}" section`);
  const body = markdown.slice(start + title.length + 5);
  const end = body.search(/^## /m);
  return end === -1 ? body : body.slice(0, end);
}

/**
 * Variables a Markdown table lists: the names in backticks in each row's first cell. A
 * name mentioned only in prose does not count, so a variable cannot hide in a paragraph.
 */
function tabulatedVariables(markdown: string): Set<string> {
  const names = new Set<string>();
  for (const line of markdown.split("\n")) {
    const firstCell = /^\|([^|]*)\|/.exec(line)?.[1] ?? "";
    for (const [, name] of firstCell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) {
      if (name) names.add(name);
    }
  }
  return names;
}

function undocumented(declared: readonly string[], documented: ReadonlySet<string>): string[] {
  return [...new Set(declared)].filter((name) => !documented.has(name));
}

const configuration = tabulatedVariables(section(read("README.md"), "Configuration"));

describe("README.md's Configuration table", () => {
  it.each(Object.entries(ENV_MODULES))("lists every variable %s reads", (_process, file) => {
    const declared = declaredVariables(file, read(file));
    expect(declared).not.toEqual([]);
    expect(undocumented(declared, configuration)).toEqual([]);
  });

  it("lists the variables Next.js's standalone server reads for web's build", () => {
    expect(undocumented(READ_BY_NEXT_SERVER, configuration)).toEqual([]);
  });

  it("lists only variables something in the repository reads or sets", () => {
    // Docs, .env.example and this file only name variables; a row is stale when nothing
    // else does. Next.js's own variables live in its package, outside the repository.
    const self = path.relative(repoRoot, import.meta.filename);
    const code = execFileSync("git", ["ls-files"], { cwd: repoRoot, encoding: "utf8" })
      .split("\n")
      .filter((file) => file !== "" && existsSync(path.join(repoRoot, file)))
      .filter((file) => !/\.(md|png|woff2?|ttf|otf)$/.test(file) && file !== ".env.example")
      .filter((file) => file !== self)
      .map(read);
    const unread = [...configuration].filter(
      (name) => !READ_BY_NEXT_SERVER.includes(name) && !code.some((text) => text.includes(name)),
    );
    expect(unread).toEqual([]);
  });
});

describe("a variable two processes must agree on", () => {
  it.each(Object.entries(READ_IN_ONE_PLACE))("%s is read by %s alone", (name, reader) => {
    const readers = Object.values(ENV_MODULES).filter((file) =>
      declaredVariables(file, read(file)).includes(name),
    );
    expect(readers).toEqual([reader]);
  });
});

describe("the documentation check itself", () => {
  const envModule = `export const env = loadEnvOrExit({
    NODE_ENV: envFields.nodeEnv,
    NEW_KNOB: z.coerce.number().default(3).refine((value) => value > 0, { message: "x" }),
  });`;
  const readme = [
    "# App",
    "",
    "## Configuration",
    "",
    "| variable | default |",
    "| --- | --- |",
    "| `NODE_ENV` | `development`; unlike `NEW_KNOB` |",
    "",
    "`NEW_KNOB` is mentioned here, in prose only.",
    "",
    "## Tests",
    "",
    "| `NEW_KNOB` | in another section |",
  ].join("\n");

  it("reports a variable the table lacks, even when prose or another section names it", () => {
    const declared = declaredVariables("env.ts", envModule);
    expect(declared).toEqual(["NODE_ENV", "NEW_KNOB"]);
    expect(undocumented(declared, tabulatedVariables(section(readme, "Configuration")))).toEqual([
      "NEW_KNOB",
    ]);
  });

  it("refuses a shape whose names it cannot see", () => {
    expect(() => declaredVariables("env.ts", "loadEnvOrExit({ NODE_ENV: a, ...shared });")).toThrow(
      /spread or computed key/,
    );
    expect(() =>
      declaredVariables("env.ts", "loadEnvOrExit({ [name]: a, LOG_LEVEL: b });"),
    ).toThrow(/spread or computed key/);
  });
});
