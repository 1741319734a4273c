import { writeFileSync } from "node:fs";
import path from "node:path";
import {
  compileLuaFolder,
  generatedModuleName,
  luaFolders,
  renderLuaModule,
} from "../src/redis/lua-modules";

// `npm run lua`: writes each Lua folder's lua.generated.ts.
const commonRoot = path.resolve(import.meta.dirname, "..");
for (const folder of luaFolders) {
  const target = path.join(commonRoot, folder, generatedModuleName);
  writeFileSync(target, renderLuaModule(compileLuaFolder(commonRoot, folder)));
  console.info(`wrote ${path.relative(commonRoot, target)}`);
}
