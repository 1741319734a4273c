import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dockerfileCommand, packageNodeFlags } from "@ticketping/common/testing";

const webRoot = path.resolve(import.meta.dirname, "..");

describe("the web server's Node.js flags", () => {
  const flags = packageNodeFlags(webRoot);

  it("are passed by npm start", () => {
    const manifest = JSON.parse(readFileSync(path.join(webRoot, "package.json"), "utf8")) as {
      scripts: { start: string };
    };
    expect(flags.length).toBeGreaterThan(0);
    expect(manifest.scripts.start).toMatch(/^node \$npm_package_config_nodeFlags /);
  });

  it("are the Docker image's too", () => {
    expect(dockerfileCommand(webRoot)).toEqual(["node", ...flags, "web/server.js"]);
  });
});
