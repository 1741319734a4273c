import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { CharTaggingClient, restoreCharColumns } from "./char-columns";
import { leaseShadowDatabase, type ShadowLease } from "./shadow-database";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

interface PgError {
  code?: string;
  severity?: string;
  message: string;
  detail?: string;
  column?: string;
  hint?: string;
  position?: string;
}

function asPgError(error: unknown): PgError | undefined {
  return error instanceof Error && "code" in error ? (error as PgError) : undefined;
}

/** A transaction whose results get their "char" columns back (see char-columns.ts). */
class MigrationTransaction implements Transaction {
  readonly provider = "postgres";
  readonly adapterName: string;
  readonly options: Transaction["options"];

  constructor(private readonly inner: Transaction) {
    this.adapterName = inner.adapterName;
    this.options = inner.options;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return restoreCharColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery): Promise<number> {
    return this.inner.executeRaw(query);
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  rollback(): Promise<void> {
    return this.inner.rollback();
  }

  async createSavepoint(name: string): Promise<void> {
    await this.inner.createSavepoint?.(name);
  }

  async rollbackToSavepoint(name: string): Promise<void> {
    await this.inner.rollbackToSavepoint?.(name);
  }

  async releaseSavepoint(name: string): Promise<void> {
    await this.inner.releaseSavepoint?.(name);
  }
}

/**
 * Wraps PrismaPg's adapter for the schema engine's sake:
 * - query results get their "char" columns back (see char-columns.ts);
 * - executeScript sends a migration script as one simple query, as Prisma's native
 *   engine does. PrismaPg splits on ";", which breaks function bodies ($$ ... ; ... $$)
 *   and loses the implicit transaction that makes a failed migration leave no half.
 * - dispose may be called by both the engine and our cleanup; the pool ends once.
 */
class MigrationAdapter implements SqlDriverAdapter {
  readonly provider = "postgres";
  readonly adapterName: string;
  private disposed: Promise<void> | undefined;

  constructor(private readonly inner: PgAdapter) {
    this.adapterName = inner.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return restoreCharColumns(await this.inner.queryRaw(query));
  }

  executeRaw(query: SqlQuery) {
    return this.inner.executeRaw(query);
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    return new MigrationTransaction(await this.inner.startTransaction(isolationLevel));
  }

  getConnectionInfo() {
    return this.inner.getConnectionInfo();
  }

  async executeScript(script: string): Promise<void> {
    const pool: pg.Pool = this.inner.underlyingDriver();
    try {
      await pool.query(script);
    } catch (error) {
      const pgError = asPgError(error);
      if (!pgError) throw error;
      // A postgres-kind error makes the engine print the server's message, detail and
      // hint instead of an opaque "GenericJs" failure.
      throw new DriverAdapterError({
        kind: "postgres",
        code: pgError.code ?? "N/A",
        severity: pgError.severity ?? "N/A",
        message: pgError.message,
        detail: pgError.detail,
        column: pgError.column,
        hint: pgError.hint,
      });
    }
  }

  dispose(): Promise<void> {
    this.disposed ??= this.inner.dispose();
    return this.disposed;
  }
}

export interface MigrationAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  /** Disposes every connection handed out and releases the shadow database. */
  close(): Promise<void>;
}

export interface MigrationAdapterFactoryOptions {
  databaseUrl: string;
  /** Required only by operations that replay migrations (diff, check). */
  shadowDatabaseUrl?: string;
}

export function createMigrationAdapterFactory({
  databaseUrl,
  shadowDatabaseUrl,
}: MigrationAdapterFactoryOptions): MigrationAdapterFactory {
  const poolConfig = (connectionString: string): pg.PoolConfig => ({
    connectionString,
    Client: CharTaggingClient,
    application_name: "ticketping-migrate",
    // A few connections: the engine may hold a transaction while it also queries.
    max: 4,
  });
  const main = new PrismaPg(poolConfig(databaseUrl));
  const handedOut: MigrationAdapter[] = [];
  let shadowLease: ShadowLease | undefined;

  const track = (adapter: PgAdapter): MigrationAdapter => {
    const wrapped = new MigrationAdapter(adapter);
    handedOut.push(wrapped);
    return wrapped;
  };

  return {
    provider: main.provider,
    adapterName: main.adapterName,

    async connect() {
      return track(await main.connect());
    },

    // PrismaPg's own version creates a random database next to the main one, which
    // needs CREATEDB on the production server and leaks on a crash. Ours is the
    // configured SHADOW_DATABASE_URL, emptied before every use.
    async connectToShadowDb() {
      if (!shadowDatabaseUrl) {
        throw new Error("This operation needs a shadow database: set SHADOW_DATABASE_URL.");
      }
      shadowLease ??= await leaseShadowDatabase(shadowDatabaseUrl);
      await shadowLease.reset();
      return track(await new PrismaPg(poolConfig(shadowDatabaseUrl)).connect());
    },

    async close() {
      await Promise.allSettled(handedOut.map((adapter) => adapter.dispose()));
      await shadowLease?.release();
    },
  };
}
