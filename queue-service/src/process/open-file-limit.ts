import { readFileSync } from "node:fs";

/**
 * This process's open-file limit (the soft one, which the kernel enforces), from
 * /proc/self/limits; Node has no getrlimit. Unlimited or unreadable (not Linux): Infinity.
 */
export function readOpenFileLimit(): number {
  try {
    const match = /^Max open files\s+(\d+|unlimited)/m.exec(
      readFileSync("/proc/self/limits", "utf8"),
    );
    return match?.[1] === undefined || match[1] === "unlimited" ? Infinity : Number(match[1]);
  } catch {
    return Infinity;
  }
}
