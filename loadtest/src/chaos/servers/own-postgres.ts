import { existsSync, readdirSync } from "node:fs";
import { chown } from "node:fs/promises";
import path from "node:path";
import { freePort } from "@ticketping/common/testing";
import { runCommand } from "./run-command";

export interface OwnPostgres {
  /** The superuser's URL (trust on loopback), for creating the run's database. */
  url: string;
  /** A fast shutdown: open sessions are cut off, as in a failover or a restart for an update. */
  stop: () => Promise<void>;
  /** Starts the same cluster again and waits until it accepts connections. */
  start: () => Promise<void>;
  /** Stops it at once, for cleaning up. */
  kill: () => Promise<void>;
}

/**
 * A PostgreSQL cluster of the run's own (initdb into `dir`, pg_ctl on a free loopback
 * port), so restarting it disturbs no other test or developer. PostgreSQL refuses to run
 * as root, so as root it runs as the `postgres` system user, which then owns `dir`.
 */
export async function startOwnPostgres(dir: string): Promise<OwnPostgres> {
  const bin = postgresBinDir();
  const port = await freePort();
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? runCommand("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args])
      : runCommand(path.join(bin, tool), args);
  if (asRoot) {
    const { uid, gid } = await postgresUser();
    await chown(dir, uid, gid);
  }
  await run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c max_connections=200",
  ].join(" ");
  const start = () =>
    run("pg_ctl", ["-D", data, "-l", path.join(dir, "postgres.log"), "-o", options, "-w", "start"]);
  const stop = (mode: "fast" | "immediate") =>
    run("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]).then(() => undefined);
  await start();
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => stop("fast"),
    start: () => start().then(() => undefined),
    kill: () => stop("immediate").catch(() => undefined),
  };
}

/** The newest of Debian's PostgreSQL server packages (postgresql-15 or later). */
function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(path.join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) {
    throw new Error(
      "PostgreSQL server binaries not found in /usr/lib/postgresql/<version>/bin " +
        "(apt-get install -y postgresql)",
    );
  }
  return path.join(root, newest, "bin");
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    runCommand("id", ["-u", "postgres"]),
    runCommand("id", ["-g", "postgres"]),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}
