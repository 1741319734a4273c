/** The database name in a postgresql:// URL. */
export function databaseNameOf(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!name) throw new Error(`The database URL names no database: ${redactUrl(url)}`);
  return name;
}

/** The same server and credentials, another database. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** Same server, port and database, whatever the credentials or options. */
export function isSameDatabase(a: string, b: string): boolean {
  const key = (url: string) => {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}/${databaseNameOf(url)}`;
  };
  return key(a) === key(b);
}

/** For messages and logs: never print a password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
