"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import {
  addPaceSample,
  derivePosition,
  estimateWait,
  presaleRefusals,
  queueErrorMessages,
  type PaceSample,
  type PositionBaseline,
  type PreQueueRound,
  type PresaleRefusal,
  type QueueErrorCode,
  type QueueProgress,
  type QueueStanding,
  type ReleaseReason,
  type WaitEstimate,
} from "@ticketping/common/queue/client";
import { ApiError, apiRequest } from "../api-client";
import type { PowProgress } from "../pow/fetch-pow-solution";
import { ask, openQueueSocket, type ConnectionState } from "./queue-socket";
import { peopleAhead } from "./wait-format";

export type RefusalCode = QueueErrorCode | "ENTRY_FAILED" | "EMAIL_NOT_VERIFIED";

export type WaitingView =
  | { kind: "joining" }
  | {
      kind: "waiting";
      position: number;
      /** The furthest place back this page saw: the progress bar measures from it. */
      startPosition: number;
      estimate: WaitEstimate;
    }
  /** In a pre-queue: the opening's, or the general sale's (a buyer without a presale code). */
  | { kind: "pre"; round: PreQueueRound }
  /** The sale is in its presale: the buyer enters with a code (refused: why). */
  | { kind: "presale"; refusal: { code: PresaleRefusal; message: string } | null }
  | { kind: "entering" }
  | { kind: "refused"; code: RefusalCode; message: string; retry: boolean }
  | { kind: "released"; reason: ReleaseReason }
  | { kind: "left" };

export interface WaitingRoom {
  view: WaitingView;
  connection: ConnectionState;
  progress: QueueProgress | null;
  /** The browser check the line asks for, while it runs (before the socket connects). */
  powProgress: PowProgress | null;
  /** Asks for a place again after a refusal, a lapsed turn or leaving. */
  retry: () => void;
  /** Gives the place in line up. */
  leave: () => void;
  /** Enters the presale's line with this code. */
  joinWithCode: (code: string) => void;
  /** Waits for the general sale without a code: its own pre-queue, in its lead window. */
  joinWithoutCode: () => void;
}

/** Refusals that may pass by themselves, worth a "try again"; the rest only allow a way back. */
const RETRYABLE: ReadonlySet<RefusalCode> = new Set<RefusalCode>([
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL",
  "LINE_FULL",
  "NOT_ADMITTED",
  "ENTRY_FAILED",
  // Once the buyer has opened the mailed link, joining again works.
  "EMAIL_NOT_VERIFIED",
]);

const ENTRY_FAILED_MESSAGE = "We could not take you to the booking page. Please try again.";
const EMAIL_NOT_VERIFIED_MESSAGE =
  "This line is open to confirmed email addresses only. Open the link we mailed you when you " +
  "signed up, then join the line.";

const PRESALE_REFUSALS: ReadonlySet<string> = new Set<string>(presaleRefusals);
function isPresaleRefusal(code: string): code is PresaleRefusal {
  return PRESALE_REFUSALS.has(code);
}

function refusal(code: RefusalCode, message?: string): WaitingView {
  const fallback =
    code === "ENTRY_FAILED"
      ? ENTRY_FAILED_MESSAGE
      : code === "EMAIL_NOT_VERIFIED"
        ? EMAIL_NOT_VERIFIED_MESSAGE
        : queueErrorMessages[code];
  return { kind: "refused", code, message: message ?? fallback, retry: RETRYABLE.has(code) };
}

/**
 * The waiting room's live state for one performance: joins the line over the queue socket,
 * follows the position from progress broadcasts, and once admitted claims the working
 * token, hands it to the web app (an httpOnly cookie) and goes on to `destination`.
 * Every (re)connect joins again, which keeps the place and corrects the position; every
 * tab of the buyer does the same and is admitted with the others.
 */
export function useWaitingRoom({
  performanceId,
  queueUrl,
  destination,
  slotEnded = false,
  presale = false,
}: {
  performanceId: string;
  queueUrl: string;
  destination: string;
  /**
   * The seat map sent the buyer back because their booking slot ended: say so, and join
   * the line again only when they ask (not silently at the back of it).
   */
  slotEnded?: boolean;
  /**
   * The sale is in its presale: ask for a code before entering the line. Turning false
   * (the general sale opened while the page was up) takes a buyer still at the code form
   * into the line without one.
   */
  presale?: boolean;
}): WaitingRoom {
  // The socket is set up for the sale as the page found it; the presale's end is an event.
  const presaleAtMount = useRef(presale);
  const [view, setView] = useState<WaitingView>(
    slotEnded
      ? { kind: "released", reason: "expired" }
      : presale
        ? { kind: "presale", refusal: null }
        : { kind: "joining" },
  );
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [progress, setProgress] = useState<QueueProgress | null>(null);
  const [powProgress, setPowProgress] = useState<PowProgress | null>(null);
  const actions = useRef<{
    retry: () => void;
    leave: () => void;
    joinWithCode: (code: string) => void;
    joinWithoutCode: () => void;
    generalSaleOpened: () => void;
  }>({
    retry: () => undefined,
    leave: () => undefined,
    joinWithCode: () => undefined,
    joinWithoutCode: () => undefined,
    generalSaleOpened: () => undefined,
  });

  useEffect(() => {
    let baseline: PositionBaseline | null = null;
    let startPosition = 0;
    let paceSamples: PaceSample[] = [];
    let phase: QueueProgress["phase"] | null = null;
    /** False after a refusal, a lapsed turn or leaving: reconnects then do not re-join. */
    let wantsPlace = !slotEnded && !presaleAtMount.current;
    /** The view asks for a code (and nothing else is going on). */
    let atCodeForm = !slotEnded && presaleAtMount.current;
    let presaleCode: string | undefined;
    let entering = false;
    let stopped = false;

    const { socket, close } = openQueueSocket({
      queueUrl,
      performanceId,
      onState: (state) => {
        if (stopped) return;
        setConnection(state);
        // The ticket was refused before any socket opened: nothing to disconnect.
        if (state === "email-unverified") {
          wantsPlace = false;
          setView(refusal("EMAIL_NOT_VERIFIED"));
        }
      },
      onPowProgress: (next) => {
        if (!stopped) setPowProgress(next);
      },
      presaleCode: () => presaleCode,
      onPresaleRefused: (code, message) => {
        if (stopped) return;
        wantsPlace = false;
        atCodeForm = true;
        setConnection("connected");
        setView({ kind: "presale", refusal: { code, message } });
      },
      connectNow: wantsPlace,
    });

    // A buyer without a code goes by the general sale's phase and instant (the same as the
    // sale's when it has no presale); a code holder by the sale's own, unless their place
    // is behind a general round the organizer paused by moving the general sale later
    // (pausedFromSeq): the line waits there for everyone, and the countdown says until when.
    const ownProgress = (progress: QueueProgress, seq = baseline?.seq): QueueProgress => {
      const paused =
        progress.pausedFromSeq > 0 && seq !== undefined && seq >= progress.pausedFromSeq;
      return presaleCode === undefined || paused
        ? { ...progress, phase: progress.generalPhase, opensAt: progress.generalOpensAt }
        : progress;
    };

    const showWaiting = (position: number, progress: QueueProgress) => {
      startPosition = Math.max(startPosition, position);
      paceSamples = addPaceSample(paceSamples, progress);
      const estimate = estimateWait({
        ahead: peopleAhead(position),
        samples: paceSamples,
        serverPace: progress.throughputPerSec,
      });
      setView({ kind: "waiting", position, startPosition, estimate });
    };

    const stop = (next: WaitingView) => {
      if (next.kind === "refused" && isPresaleRefusal(next.code)) {
        // The claim found the code spent or revoked since the door: ask for another.
        next = { kind: "presale", refusal: { code: next.code, message: next.message } };
        atCodeForm = true;
      }
      wantsPlace = false;
      baseline = null;
      setView(next);
      // Nothing to follow any more; "try again" opens the socket again.
      socket.disconnect();
    };

    // A function, not the variable: the cleanup may run while a claim is awaited.
    const alive = () => !stopped;

    const enter = async () => {
      if (entering || !alive()) return;
      entering = true;
      setView({ kind: "entering" });
      try {
        const claim = await ask(socket, "queue:claim", performanceId);
        if ("error" in claim) {
          entering = false;
          if (alive()) stop(refusal(claim.error.code, claim.error.message));
          return;
        }
        await apiRequest("/api/queue/working-token", {
          method: "POST",
          body: { token: claim.data.token },
        });
        // Replace: the back button on the seat map must not lead into the line again.
        if (alive()) window.location.replace(destination);
      } catch (error) {
        entering = false;
        if (alive()) {
          stop(refusal("ENTRY_FAILED", error instanceof ApiError ? error.message : undefined));
        }
      }
    };

    const stand = (standing: QueueStanding) => {
      const own = ownProgress(
        standing.progress,
        standing.status === "waiting" ? standing.seq : undefined,
      );
      phase = own.phase;
      setProgress(own);
      if (standing.status === "waiting") {
        baseline = {
          seq: standing.seq,
          position: standing.position,
          admittedTotal: standing.progress.admittedTotal,
        };
        showWaiting(standing.position, standing.progress);
      } else if (standing.status === "pre") {
        baseline = null;
        setView({ kind: "pre", round: standing.round });
      } else {
        void enter();
      }
    };

    // No answer in time: the connection is likely broken; a new one joins again.
    const reconnect = () => {
      if (!stopped && wantsPlace && socket.connected) socket.disconnect().connect();
    };

    const join = () => {
      ask(socket, "queue:join", performanceId).then((reply) => {
        if (stopped || !wantsPlace) return;
        if ("error" in reply) stop(refusal(reply.error.code, reply.error.message));
        else stand(reply.data);
      }, reconnect);
    };

    socket.on("connect", () => {
      if (wantsPlace && !entering) join();
    });

    socket.on("queue:progress", (update) => {
      if (update.performanceId !== performanceId) return;
      const previousPhase = phase;
      const own = ownProgress(update);
      phase = own.phase;
      setProgress(own);
      if (baseline) {
        showWaiting(derivePosition(baseline, update).position, update);
      } else if (previousPhase === "pre" && own.phase !== "pre" && wantsPlace && !entering) {
        // The pre-queue was shuffled into the line: ask once where it put us.
        ask(socket, "queue:status", performanceId).then((reply) => {
          if (stopped || !wantsPlace) return;
          if ("error" in reply) join();
          else stand(reply.data);
        }, reconnect);
      }
    });

    socket.on("queue:admitted", (notice) => {
      if (notice.performanceId === performanceId && wantsPlace) void enter();
    });

    socket.on("queue:released", (notice) => {
      if (notice.performanceId !== performanceId || entering) return;
      stop({ kind: "released", reason: notice.reason });
    });

    actions.current = {
      retry: () => {
        atCodeForm = false;
        wantsPlace = true;
        setView({ kind: "joining" });
        if (socket.connected) join();
        else socket.connect();
      },
      joinWithCode: (code) => {
        atCodeForm = false;
        presaleCode = code;
        wantsPlace = true;
        setView({ kind: "joining" });
        // A socket that entered without this code must enter again to carry it.
        if (socket.connected) socket.disconnect();
        socket.connect();
      },
      joinWithoutCode: () => {
        if (stopped) return;
        atCodeForm = false;
        presaleCode = undefined;
        wantsPlace = true;
        setView({ kind: "joining" });
        if (socket.connected) socket.disconnect();
        socket.connect();
      },
      generalSaleOpened: () => {
        if (atCodeForm) actions.current.joinWithoutCode();
      },
      leave: () => {
        const done = () => {
          if (!stopped) stop({ kind: "left" });
        };
        wantsPlace = false;
        ask(socket, "queue:leave", performanceId).then(done, done);
      },
    };

    return () => {
      stopped = true;
      // Closing the page keeps the place (the service holds it for a grace period);
      // leaving the line is the Leave button's decision, never a side effect.
      close();
    };
  }, [performanceId, queueUrl, destination, slotEnded]);

  useEffect(() => {
    if (!presale) actions.current.generalSaleOpened();
  }, [presale]);

  const retry = useCallback(() => {
    actions.current.retry();
  }, []);
  const leave = useCallback(() => {
    actions.current.leave();
  }, []);

  const joinWithCode = useCallback((code: string) => {
    actions.current.joinWithCode(code);
  }, []);
  const joinWithoutCode = useCallback(() => {
    actions.current.joinWithoutCode();
  }, []);

  return { view, connection, progress, powProgress, retry, leave, joinWithCode, joinWithoutCode };
}
