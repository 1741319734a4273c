"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchPowSolution, type PowPayload, type PowPurposeQuery } from "./fetch-pow-solution";
import type { PowCheck } from "./pow-status";

/** A solution this close to its challenge's expiry is not worth sending. */
const FRESH_FOR_MS = 30_000;

type Attempt = Promise<{ pow: PowPayload; expiresAtMs: number } | undefined>;

/**
 * Solves a proof of work as soon as the page opens, so it is usually ready by the time
 * the person submits. `take()` hands over a fresh solution (waiting for it, or solving
 * anew when the one held has failed or expired); a solution is spent once, so it is
 * handed over once. `prepare()` starts the next one in the background (after a refusal,
 * before the person tries again).
 */
export function usePowSolution(query: PowPurposeQuery): {
  check: PowCheck;
  take: () => Promise<PowPayload | undefined>;
  prepare: () => void;
} {
  const [check, setCheck] = useState<PowCheck>({ kind: "idle" });
  const pending = useRef<Attempt | null>(null);
  const queryKey = JSON.stringify(query);

  const start = useCallback((): Attempt => {
    const attempt: Attempt = fetchPowSolution(JSON.parse(queryKey) as PowPurposeQuery, {
      onProgress: (progress) => {
        if (pending.current === attempt) setCheck({ kind: "checking", ...progress });
      },
    });
    pending.current = attempt;
    attempt.then(
      (result) => {
        if (pending.current === attempt) setCheck(result ? { kind: "done" } : { kind: "idle" });
      },
      () => {
        if (pending.current === attempt) {
          setCheck({ kind: "failed" });
        }
      },
    );
    return attempt;
  }, [queryKey]);

  useEffect(() => {
    // Its failure is shown through `check` (start handles it).
    void start();
    return () => {
      pending.current = null;
    };
  }, [start]);

  const take = useCallback(async (): Promise<PowPayload | undefined> => {
    let result = await (pending.current ?? start()).catch(() => null);
    if (result === null || (result && result.expiresAtMs - Date.now() < FRESH_FOR_MS)) {
      result = await start();
    }
    pending.current = null;
    return result?.pow;
  }, [start]);

  const prepare = useCallback(() => {
    pending.current ??= start();
  }, [start]);

  return { check, take, prepare };
}
