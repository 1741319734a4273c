import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { childEnv } from "../../env";

const execFileAsync = promisify(execFile);

/** Runs a command to its end; a failure carries its output, so the cause is in the message. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, [...args], {
      env: childEnv(options.env),
      timeout: options.timeoutMs ?? 120_000,
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}\n${stderr}`, {
      cause: error,
    });
  }
}

/** Polls `ready` every 200 ms until it says yes; throws after `timeoutMs`. */
export async function waitUntil(
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
