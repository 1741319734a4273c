/** 128 KiB: glibc's own starting value for both thresholds, held fixed. */
export const MALLOC_THRESHOLD_DEFAULT = 128 * 1024;

/**
 * The glibc malloc settings a queue process starts with (glibc reads them once, at start:
 * the primary forks each queue process with them; the Docker image and scripts/start.sh
 * set the same for a single process). By default glibc raises its mmap threshold to the
 * largest mmapped block freed so far (up to 32 MiB) and its trim threshold to twice that:
 * after one large buffer came and went, the bursts of a crowd (socket writes of a push, V8's
 * background work) are served from the heap and their freed memory stays resident, more
 * or less of it from run to run (BENCHMARKS.md, "Native memory"). Fixed thresholds keep
 * large blocks in mmap, returned on free, and trim the heap as it shrinks. An operator's
 * own value (the env module's) wins.
 */
export function mallocEnv(thresholds: {
  MALLOC_MMAP_THRESHOLD_: number;
  MALLOC_TRIM_THRESHOLD_: number;
}): Record<string, string> {
  return {
    MALLOC_MMAP_THRESHOLD_: String(thresholds.MALLOC_MMAP_THRESHOLD_),
    MALLOC_TRIM_THRESHOLD_: String(thresholds.MALLOC_TRIM_THRESHOLD_),
  };
}
