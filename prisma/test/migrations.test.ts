import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkMigrations,
  createMigration,
  defaultPaths,
  deployMigrations,
  dropDatabase,
  withDatabaseName,
  type MigrateOptions,
} from "../scripts/migrate/index";
import { getDbEnv } from "../src/env";

function throwawayUrl(label: string): string {
  return withDatabaseName(
    getDbEnv().DATABASE_URL,
    `ticketping_test_${label}_${randomBytes(4).toString("hex")}`,
  );
}

describe("migrations", () => {
  const databaseUrl = throwawayUrl("migrate");
  const shadowDatabaseUrl = throwawayUrl("shadow");
  const options: MigrateOptions = { databaseUrl, shadowDatabaseUrl, ...defaultPaths };
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "ticketping-migrations-"));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
    await dropDatabase(databaseUrl);
    await dropDatabase(shadowDatabaseUrl);
  });

  /** A copy of schema.prisma with `edit` applied, and a copy of the migrations. */
  async function scratchCopy(name: string, edit: (schema: string) => string) {
    const dir = path.join(scratch, name);
    const schemaPath = path.join(dir, "schema.prisma");
    const migrationsDir = path.join(dir, "migrations");
    await cp(defaultPaths.migrationsDir, migrationsDir, { recursive: true });
    await writeFile(schemaPath, edit(await readFile(defaultPaths.schemaPath, "utf8")));
    return { schemaPath, migrationsDir };
  }

  const addNickname = (schema: string) => {
    const edited = schema.replace(/(model User \{\n)/, "$1  nickname String? @db.VarChar(40)\n");
    if (edited === schema) throw new Error("could not edit the schema copy");
    return edited;
  };

  it("check passes on the committed schema and migrations", async () => {
    expect(await checkMigrations(options)).toEqual({ inSync: true });
  });

  it("check fails when the schema has a change no migration contains", async () => {
    const copy = await scratchCopy("drift", addNickname);
    const result = await checkMigrations({ ...options, ...copy });
    expect(result.inSync).toBe(false);
    if (!result.inSync) expect(result.missingSql).toMatch(/ADD COLUMN\s+"nickname"/);
  });

  it("create writes the missing migration, after which check passes", async () => {
    const copy = await scratchCopy("create", addNickname);
    const created = await createMigration({
      ...options,
      ...copy,
      name: "Add user nickname",
      now: new Date("2100-01-01T00:00:00Z"),
    });
    expect(created?.directoryName).toBe("21000101000000_add_user_nickname");
    expect(await readdir(copy.migrationsDir)).toContain("21000101000000_add_user_nickname");
    expect(await checkMigrations({ ...options, ...copy })).toEqual({ inSync: true });
    // Nothing left to create.
    expect(await createMigration({ ...options, ...copy, name: "again" })).toBeNull();
  });

  it("deploy creates the database, applies every migration once, and is idempotent", async () => {
    const first = await deployMigrations(options);
    expect(first.createdDatabase).toBe(true);
    const committed = (await readdir(defaultPaths.migrationsDir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(first.appliedMigrationNames).toEqual(committed);

    const second = await deployMigrations(options);
    expect(second).toEqual({ createdDatabase: false, appliedMigrationNames: [] });

    // Prisma's own bookkeeping, so the official `prisma migrate deploy` agrees.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1",
      );
      expect(rows.rows.map((row) => row.migration_name)).toEqual(committed);
    } finally {
      await client.end();
    }
  });

  it("refuses a shadow database that is the main database", async () => {
    await expect(checkMigrations({ ...options, shadowDatabaseUrl: databaseUrl })).rejects.toThrow(
      /SHADOW_DATABASE_URL must name a database other than DATABASE_URL/,
    );
  });
});
