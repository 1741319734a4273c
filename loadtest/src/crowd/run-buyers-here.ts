import type { BuyerIdentity, BuyerResult } from "../buyer/context";
import { crowdContext } from "../buyer/crowd-context";
import type { BuyerPlan } from "../buyer/plan";
import { runCrowd } from "../buyer/run-crowd";
import { HttpClient } from "../clients/http-client";
import { WebApi } from "../clients/web-api";
import type { Recorder } from "../metrics/recorder";
import type { Random } from "../random";

/** Where the buyers go and how long they may take: the same for every client process. */
export interface CrowdSettings {
  webUrl: string;
  door: { kind: "session"; queueUrl: string } | { kind: "ticket" };
  sale: { performanceId: string; scheduleId: string };
  holdTtlSeconds: number;
  lapseRate: number;
  timeLimitSeconds: number;
  ackTimeoutMs: number;
  httpTimeoutMs: number;
}

/**
 * Runs these buyers in this process (the load generator itself, or one client process of
 * several), each with its own socket, sharing `httpConnections` keep-alive connections to
 * the web app, all from `localAddress` when given.
 */
export async function runBuyersHere({
  settings,
  identities,
  plans,
  httpConnections,
  localAddress,
  recorder,
  random,
  seed,
  stopSignal,
  log,
  progressLine,
  observeWorkingSet,
  onFinished,
}: {
  settings: CrowdSettings;
  identities: readonly BuyerIdentity[];
  plans: readonly BuyerPlan[];
  httpConnections: number;
  localAddress?: string;
  recorder: Recorder;
  random: Random;
  /** Seeds the lapse decisions of these buyers. */
  seed: number;
  stopSignal?: AbortSignal;
  log: (line: string) => void;
  progressLine: (finished: readonly BuyerResult[]) => string;
  observeWorkingSet: (active: number) => void;
  onFinished?: (result: BuyerResult, index: number) => void;
}): Promise<BuyerResult[]> {
  const http = new HttpClient(settings.webUrl, {
    maxSockets: Math.max(1, httpConnections),
    timeoutMs: settings.httpTimeoutMs,
    localAddress,
  });
  try {
    return await runCrowd({
      identities,
      plans,
      timeLimitSeconds: settings.timeLimitSeconds,
      stopSignal,
      log,
      progressLine,
      onFinished,
      context: crowdContext({
        web: new WebApi(http),
        recorder,
        random,
        seed,
        sale: settings.sale,
        holdTtlSeconds: settings.holdTtlSeconds,
        lapseRate: settings.lapseRate,
        ackTimeoutMs: settings.ackTimeoutMs,
        observeWorkingSet,
        extra: { door: settings.door, ...(localAddress ? { localAddress } : {}) },
      }),
    });
  } finally {
    http.close();
  }
}
