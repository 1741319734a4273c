import { readdirSync, readFileSync } from "node:fs";

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

export function residentBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1_024;
}

export function openFiles(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

export function openFileLimit(): number {
  const match = /Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"));
  return Number(match?.[1] ?? 1_024);
}

/** Resident memory of a whole process tree. */
export function treeResidentBytes(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + residentBytes(member), 0);
}
