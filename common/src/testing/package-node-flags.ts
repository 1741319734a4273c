import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * The Node.js flags a package's `npm start` runs its server with: the package.json's
 * `config.nodeFlags` (its start script passes `$npm_package_config_nodeFlags`). Tests and
 * the load test start servers with the same flags, so they measure what production runs.
 */
export function packageNodeFlags(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
    config?: { nodeFlags?: unknown };
  };
  const flags = manifest.config?.nodeFlags;
  return typeof flags === "string" ? flags.split(/\s+/).filter(Boolean) : [];
}
