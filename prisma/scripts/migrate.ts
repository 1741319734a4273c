/**
 * Prisma migrations without Prisma's downloadable engine binary:
 *   tsx scripts/migrate.ts deploy          apply pending migrations (creates the database)
 *   tsx scripts/migrate.ts create <name>   write a new migration from schema changes
 *   tsx scripts/migrate.ts check           fail if schema.prisma and migrations disagree
 * Add --verbose to see the schema engine's log.
 */
import { getDbEnv } from "../src/env";
import {
  checkMigrations,
  createMigration,
  defaultPaths,
  deployMigrations,
  lastSchemaEnginePanic,
  type MigrateOptions,
} from "./migrate/index";

const usage = "usage: migrate.ts deploy | create <name> | check [--verbose]";

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `\n  caused by: ${error.cause.message}` : "";
    return `${error.message}${cause}`;
  }
  return typeof error === "string" ? error : JSON.stringify(error);
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes("--verbose");
  const [command, ...rest] = argv.filter((arg) => arg !== "--verbose");
  const env = getDbEnv();
  const options: MigrateOptions = {
    databaseUrl: env.DATABASE_URL,
    shadowDatabaseUrl: env.SHADOW_DATABASE_URL,
    ...defaultPaths,
    onLog: verbose
      ? (line) => {
          console.error(`[engine] ${line}`);
        }
      : undefined,
  };
  const started = performance.now();
  const took = () => `${Math.round(performance.now() - started)} ms`;

  switch (command) {
    case "deploy": {
      const result = await deployMigrations(options);
      if (result.createdDatabase) console.log("Created the database.");
      const applied = result.appliedMigrationNames;
      console.log(
        applied.length === 0
          ? `Database is up to date (${took()}).`
          : `Applied ${applied.length} migration(s) in ${took()}:\n${applied.map((name) => `  ${name}`).join("\n")}`,
      );
      return 0;
    }
    case "create": {
      const name = rest.join(" ").trim();
      if (!name) {
        console.error(`A migration needs a name.\n${usage}`);
        return 2;
      }
      const created = await createMigration({ ...options, name });
      if (!created) {
        console.log("No schema changes: no migration written.");
        return 0;
      }
      console.log(`Wrote migrations/${created.directoryName}/migration.sql (${took()}).`);
      console.log("Review it, add any hand-written SQL, then run the deploy command.");
      return 0;
    }
    case "check": {
      const result = await checkMigrations(options);
      if (result.inSync) {
        console.log(`schema.prisma and the migrations agree (${took()}).`);
        return 0;
      }
      console.error(
        "schema.prisma has changes that no migration contains. Create one with\n" +
          "  npm run db:migrate:create -- <name>\n" +
          "The missing SQL:\n\n" +
          result.missingSql,
      );
      return 1;
    }
    default:
      console.error(usage);
      return 2;
  }
}

// A panic inside the engine surfaces as a wasm trap in a callback, outside our promise
// chain; the panic registry still holds its message.
process.on("uncaughtException", (error) => {
  console.error(`migrate failed: ${lastSchemaEnginePanic() ?? errorMessage(error)}`);
  process.exit(1);
});

// Exit explicitly: the schema engine leaves a timer behind (its advisory-lock timeout)
// that would otherwise keep the process alive for another ten seconds.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate failed: ${errorMessage(error)}`);
    process.exit(1);
  },
);
