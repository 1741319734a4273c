import { readdirSync, readFileSync } from "node:fs";

/** Linux reports CPU time in clock ticks of 1/100 s (`getconf CLK_TCK`) on every common build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) of one process alone; null where /proc cannot tell. */
function ownCpuSeconds(pid: number): number | null {
  try {
    const fields = statFields(pid);
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return Number.isFinite(user + system) ? (user + system) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
}

/** /proc/<pid>/stat's fields after the command name (field 3 on), which may hold spaces. */
function statFields(pid: number): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** The processes whose parent is `pid`, and theirs. */
function descendantsOf(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(Number(entry))[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone between the listing and the read.
    }
  }
  const found: number[] = [];
  const pending = [...(children.get(pid) ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    found.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return found;
}

/**
 * CPU seconds (user + system) a service has used so far: the process and every process it
 * started that is still running (the queue service's primary hands connections to child
 * processes, which do the work). null where /proc cannot tell.
 */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const own = ownCpuSeconds(pid);
  if (own === null) return null;
  return descendantsOf(pid).reduce((sum, child) => sum + (ownCpuSeconds(child) ?? 0), own);
}

/** This process's soft limit of open files; null where /proc cannot tell. */
export function openFileLimit(): number | null {
  try {
    const limits = readFileSync("/proc/self/limits", "utf8");
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(limits);
    if (!match?.[1]) return null;
    return match[1] === "unlimited" ? Number.POSITIVE_INFINITY : Number(match[1]);
  } catch {
    return null;
  }
}

/** The most memory a process has held resident so far (VmHWM), in MiB; null if unknown. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match?.[1] ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * The peak memory of a process and every process it started, added up (each one's own
 * peak, so at most what they held at once): the queue service's primary with its processes.
 */
export function treePeakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  const own = peakRssMiB(pid);
  if (own === null) return null;
  return descendantsOf(pid).reduce((sum, child) => sum + (peakRssMiB(child) ?? 0), own);
}
