import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The command of a package's Docker image: its Dockerfile's CMD in exec form (the JSON
 * array form, which makes the program itself the container's process, with no shell in
 * between to swallow SIGTERM). Tests compare it with what they start.
 */
export function dockerfileCommand(packageDir: string): string[] {
  const dockerfile = readFileSync(path.join(packageDir, "Dockerfile"), "utf8");
  const command = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];
  if (command === undefined) throw new Error(`${packageDir}/Dockerfile has no CMD in exec form`);
  return z.array(z.string()).min(1).parse(JSON.parse(command));
}
