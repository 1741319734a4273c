import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { packageNodeFlags } from "./package-node-flags";

describe("packageNodeFlags", () => {
  const dirs: string[] = [];
  const packageWith = (manifest: unknown) => {
    const dir = mkdtempSync(path.join(tmpdir(), "node-flags-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
    return dir;
  };

  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("splits config.nodeFlags into arguments", () => {
    const dir = packageWith({ config: { nodeFlags: " --a=1   --b " } });
    expect(packageNodeFlags(dir)).toEqual(["--a=1", "--b"]);
  });

  it("gives none when the package sets none", () => {
    expect(packageNodeFlags(packageWith({ name: "x" }))).toEqual([]);
    expect(packageNodeFlags(packageWith({ config: { nodeFlags: 64 } }))).toEqual([]);
  });
});
