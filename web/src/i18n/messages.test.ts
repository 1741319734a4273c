import { describe, expect, it } from "vitest";
import { LOCALES } from "@ticketping/common/i18n";
import { loadMessages } from "./messages";

/** The arguments a message takes at its top level: "{count, plural, ...} for {name}". */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let index = 0; index < message.length; index += 1) {
    const char = message[index];
    if (char === "{") {
      if (depth === 0) names.add(/^\{\s*([A-Za-z0-9_]+)/.exec(message.slice(index))?.[1] ?? "");
      depth += 1;
    } else if (char === "}") {
      depth -= 1;
    }
  }
  return [...names].sort();
}

/** "a.b.c" for every message, with the arguments each one takes. */
function flatten(messages: object, prefix = ""): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(messages) as [string, unknown][]) {
    const path = `${prefix}${key}`;
    if (typeof value === "string") {
      expect(value.trim(), path).not.toBe("");
      out.set(path, argumentsOf(value));
    } else if (typeof value === "object" && value !== null) {
      for (const [nested, args] of flatten(value, `${path}.`)) out.set(nested, args);
    }
  }
  return out;
}

describe("the message catalogues", () => {
  it("have exactly the same keys in every language, using only the arguments English takes", async () => {
    const english = flatten(await loadMessages.en());
    expect(english.size).toBeGreaterThan(100);
    for (const locale of LOCALES) {
      const other = flatten(await loadMessages[locale]());
      expect([...other.keys()].sort(), locale).toEqual([...english.keys()].sort());
      // A language may leave an argument out (Korean needs no count for a plural), never
      // use one the code does not pass.
      for (const [key, args] of other) {
        expect(english.get(key), `${locale} ${key}`).toEqual(expect.arrayContaining(args));
      }
    }
  });
});
