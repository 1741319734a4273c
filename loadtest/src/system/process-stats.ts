import { readFileSync } from "node:fs";

/** Linux reports CPU time in clock ticks of 1/100 s (`getconf CLK_TCK`) on every common build. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; null where /proc cannot tell. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces; the fields after its ")" are plain.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const user = Number(fields[11]);
    const system = Number(fields[12]);
    return Number.isFinite(user + system) ? (user + system) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
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
