import { ColumnTypeEnum, type SqlResultSet } from "@prisma/driver-adapter-utils";
import pg from "pg";

// The schema engine reads pg_catalog columns of PostgreSQL's one-byte "char" type
// (oid 18, e.g. pg_constraint.contype) and wants them typed as a character. node-postgres
// returns them as strings, but @prisma/adapter-pg rejects oid 18 as an unsupported type,
// and calling them text instead makes the engine panic ("as char failed") as soon as a
// table has a CHECK constraint. So the client tags such columns (relabelled as text,
// with a marker in the name) and the adapter wrapper turns the tag into
// ColumnTypeEnum.Character. Nothing but the migration tool uses this client.
const CHAR_TYPE_ID = 18;
const TEXT_TYPE_ID = 25;
const CHAR_MARKER = "\u0000char\u0000";

function tagCharFields(result: unknown): unknown {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const item of results) {
    if (item instanceof pg.Result) {
      for (const field of item.fields) {
        if (field.dataTypeID === CHAR_TYPE_ID) {
          field.dataTypeID = TEXT_TYPE_ID;
          field.name = `${CHAR_MARKER}${field.name}`;
        }
      }
    }
  }
  return result;
}

/** Restores the real column names and types of fields tagged by CharTaggingClient. */
export function restoreCharColumns(resultSet: SqlResultSet): SqlResultSet {
  resultSet.columnNames.forEach((name, index) => {
    if (name.startsWith(CHAR_MARKER)) {
      resultSet.columnNames[index] = name.slice(CHAR_MARKER.length);
      resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    }
  });
  return resultSet;
}

type Callback = (error: Error | null, result: unknown) => void;

/**
 * A pg.Client that tags "char" result columns. Given to pools through the `Client`
 * option, so pooled queries and transaction connections both use it.
 */
export class CharTaggingClient extends pg.Client {
  // Must be assignable to every overload of pg.Client#query, hence the loose signature.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const baseQuery = super.query.bind(this) as (...queryArgs: unknown[]) => unknown;
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as Callback;
      args[args.length - 1] = (error: Error | null, result: unknown) => {
        callback(error, error ? result : tagCharFields(result));
      };
      return baseQuery(...args);
    }
    const returned = baseQuery(...args);
    return returned instanceof Promise ? returned.then(tagCharFields) : returned;
  }
}
