import { readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { readOpenFileLimit } from "../src/process/open-file-limit";

/** A process and its children (the primary and the processes it forked). */
export function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
      .split(" ")
      .filter((child) => child.trim() !== "")
      .map(Number),
  );
  return [pid, ...children.flatMap(processTree)];
}

export function openFiles(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

export function openFileLimit(): number {
  return readOpenFileLimit();
}

/** One process's memory, bytes: all it has resident, and the part only it wrote to. */
export interface ProcessMemory {
  rss: number;
  privateDirty: number;
}

function processMemory(pid: number): ProcessMemory {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(rollup)?.[1] ?? 0) * 1_024;
  return { rss: kib("Rss"), privateDirty: kib("Private_Dirty") };
}

export interface TreeMemory {
  /** The whole tree's, summed. */
  total: ProcessMemory;
  /** Each process's, in processTree's order (the primary first). */
  processes: ProcessMemory[];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/**
 * The tree's memory as the median of `samples` readings `intervalMs` apart, each field
 * and each process on its own. One reading swung by tens of MiB: it lands on a garbage
 * collection half done, on the buffers of a push being written to every socket, or on
 * malloc holding memory it is about to trim; the median of readings spread over a few
 * pushes is the level the process holds, not a moment of it. The same procedure reads the
 * queue-service and bare Socket.IO, before the sockets connect and after they all wait.
 * Rss is what the issue asks (resident memory); Private_Dirty leaves out the pages of
 * code and libraries a process shares or may drop and read again, which move with what
 * else runs on the machine, not with the sockets.
 */
export async function settledTreeMemory(
  pid: number,
  { samples = 5, intervalMs = 1_000 } = {},
): Promise<TreeMemory> {
  const readings: ProcessMemory[][] = [];
  for (let index = 0; index < samples; index++) {
    if (index > 0) await sleep(intervalMs);
    readings.push(processTree(pid).map(processMemory));
  }
  const width = Math.min(...readings.map((reading) => reading.length));
  const processes = Array.from({ length: width }, (_, member) => ({
    rss: median(readings.map((reading) => reading[member]?.rss ?? 0)),
    privateDirty: median(readings.map((reading) => reading[member]?.privateDirty ?? 0)),
  }));
  return {
    total: {
      rss: processes.reduce((sum, member) => sum + member.rss, 0),
      privateDirty: processes.reduce((sum, member) => sum + member.privateDirty, 0),
    },
    processes,
  };
}
