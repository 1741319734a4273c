import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileLuaFolder, generatedModuleName, luaFolders, renderLuaModule } from "./lua-modules";

const commonRoot = path.resolve(import.meta.dirname, "../..");

describe("compiled Lua modules", () => {
  it.each(luaFolders)("%s/lua.generated.ts matches its .lua files", (folder) => {
    const generated = readFileSync(path.join(commonRoot, folder, generatedModuleName), "utf8");
    expect(generated, "run `npm run lua -w @ticketping/common`").toBe(
      renderLuaModule(compileLuaFolder(commonRoot, folder)),
    );
  });

  it.each(luaFolders)("every script of %s documents KEYS, ARGV and its reply", (folder) => {
    for (const [name, source] of Object.entries(compileLuaFolder(commonRoot, folder))) {
      const header = /^--\[\[([\s\S]*?)\]\]/.exec(source)?.[1] ?? "";
      expect(header, name).toMatch(/KEYS\[1/);
      expect(header, name).toMatch(/Returns|Returns:|Return/);
      expect(source, name).not.toMatch(/@include/);
    }
  });
});
