/**
 * What REDIS_URL points at. One URL is one Redis (`redis://host:port/db`); a comma-separated
 * list of them is the seed nodes of a Redis Cluster (any few of its nodes: the client
 * discovers the rest). The apps keep REDIS_URL as the string it was given, so it passes on
 * to every child process unchanged; createRedis reads it with parseRedisUrl.
 */
export type RedisTarget =
  | { kind: "single"; url: string; database: number }
  | {
      kind: "cluster";
      nodes: { host: string; port: number }[];
      username: string | undefined;
      password: string | undefined;
      tls: boolean;
    };

/** Why `value` is not a usable REDIS_URL (none: it is). */
export function redisUrlIssues(value: string): string[] {
  try {
    parseRedisUrl(value);
    return [];
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

export function parseRedisUrl(value: string): RedisTarget {
  const parts = value.split(",").map((part) => part.trim());
  const urls = parts.map(readUrl);
  const [first] = urls;
  if (first === undefined) throw new Error("must be a redis:// URL");
  const database = (url: URL) => Number(url.pathname.slice(1) || "0");
  if (urls.length === 1)
    return { kind: "single", url: parts[0] ?? value, database: database(first) };
  for (const url of urls) {
    // Redis Cluster has database 0 only; a list naming another was meant for something else.
    if (database(url) !== 0) throw new Error("a Redis Cluster node list cannot name a database");
    if (
      url.protocol !== first.protocol ||
      url.username !== first.username ||
      url.password !== first.password
    ) {
      throw new Error("every Redis Cluster node must use the same scheme and credentials");
    }
  }
  return {
    kind: "cluster",
    nodes: urls.map((url) => ({ host: url.hostname, port: Number(url.port || "6379") })),
    username: first.username ? decodeURIComponent(first.username) : undefined,
    password: first.password ? decodeURIComponent(first.password) : undefined,
    tls: first.protocol === "rediss:",
  };
}

function readUrl(part: string): URL {
  if (!/^rediss?:\/\//.test(part)) {
    throw new Error("must be a redis:// URL, or a comma-separated list of them (a Redis Cluster)");
  }
  const url = new URL(part);
  if (!url.hostname) throw new Error(`${part} names no host`);
  const database = url.pathname.slice(1);
  if (database !== "" && !/^\d{1,2}$/.test(database)) {
    throw new Error(`${part}: the path must be a database number`);
  }
  return url;
}
