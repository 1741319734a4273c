import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { standaloneServer, WebBuildMissingError } from "./system/start-web";

/**
 * Parses `--max-active 200`-style flags (each named in `flagNames`, mapped to its option
 * key) through the options schema; throws on an unknown flag or a value the schema refuses.
 */
export function parseFlags<Schema extends z.ZodType>(
  argv: readonly string[],
  flagNames: Readonly<Record<string, string>>,
  schema: Schema,
): z.infer<Schema> | "help" {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: "boolean" },
      ...Object.fromEntries(
        Object.keys(flagNames).map((flag) => [flag, { type: "string" as const }]),
      ),
    },
  });
  if (values.help === true) return "help";
  const input: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(flagNames)) {
    const value = (values as Record<string, unknown>)[flag];
    if (value !== undefined) input[key] = value;
  }
  return schema.parse(input);
}

/** `maxActive` as the flag a user typed it: `max-active`. */
export function flagOf(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Runs a command of this package: bad options and a missing web build exit 2 with the
 * reason, `--help` prints the usage. Ctrl-C aborts the run's signal, so it ends its buyers
 * and faults and still cleans up (processes, database, Redis keys); a second Ctrl-C leaves
 * without cleaning. The exit code is what `run` returns, or 2 when it throws.
 */
export function runCommand<Options>({
  name,
  usage,
  parse,
  stoppingMessage,
  run,
}: {
  name: string;
  usage: string;
  parse: (argv: readonly string[]) => Options | "help";
  stoppingMessage: string;
  run: (options: Options, stopSignal: AbortSignal) => Promise<number>;
}): void {
  const main = async (): Promise<number> => {
    let options;
    try {
      options = parse(process.argv.slice(2));
    } catch (error) {
      const message =
        error instanceof z.ZodError
          ? error.issues
              .map((issue) => `  --${flagOf(issue.path.join("."))}: ${issue.message}`)
              .join("\n")
          : `  ${(error as Error).message}`;
      console.error(`Invalid options:\n${message}\n\n${usage}`);
      return 2;
    }
    if (options === "help") {
      console.log(usage);
      return 0;
    }
    if (!existsSync(standaloneServer)) {
      console.error(new WebBuildMissingError().message);
      return 2;
    }
    const stop = new AbortController();
    process.once("SIGINT", () => {
      console.error(`stopping: ${stoppingMessage} (Ctrl-C again to quit now)`);
      stop.abort();
      process.once("SIGINT", () => process.exit(130));
    });
    process.once("SIGTERM", () => {
      stop.abort();
    });
    return run(options, stop.signal);
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`${name} failed to run:`, error);
      process.exitCode = 2;
    },
  );
}
