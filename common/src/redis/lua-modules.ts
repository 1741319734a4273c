import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The folders of Lua scripts. Each script is `<name>.lua` and opens with a comment listing
 * its KEYS, ARGV and return value; `-- @include "x"` pulls in `includes/x.lua` of the same
 * folder. Compiled into `lua.generated.ts` beside them (`npm run lua -w @ticketping/common`),
 * so every bundler and runtime imports the scripts as code: nothing reads a file at run time.
 */
export const luaFolders = ["src/seats", "src/queue/lua", "src/rate-limit"] as const;

const includeDirective = /^--\s*@include\s+"([a-z-]+)"\s*$/gm;

/** Every script of `folder` (relative to common/), includes resolved, by name. */
export function compileLuaFolder(commonRoot: string, folder: string): Record<string, string> {
  const directory = path.join(commonRoot, folder);
  const sources: Record<string, string> = {};
  for (const file of readdirSync(directory)
    .filter((name) => name.endsWith(".lua"))
    .sort()) {
    const source = readFileSync(path.join(directory, file), "utf8").replace(
      includeDirective,
      (_line, include: string) =>
        readFileSync(path.join(directory, "includes", `${include}.lua`), "utf8"),
    );
    sources[file.slice(0, -".lua".length)] = source;
  }
  return sources;
}

/** The TypeScript module that carries a folder's compiled scripts. */
export function renderLuaModule(sources: Record<string, string>): string {
  const entries = Object.entries(sources)
    .map(([name, source]) => `  ${JSON.stringify(name)}: ${JSON.stringify(source)},`)
    .join("\n");
  return [
    "// Generated from the .lua files beside it by `npm run lua -w @ticketping/common`.",
    "// Do not edit: change the .lua file and run that command (a test fails until you do).",
    "export const luaSources = {",
    entries,
    "} as const;",
    "",
  ].join("\n");
}

export const generatedModuleName = "lua.generated.ts";
