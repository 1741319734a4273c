"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkingTokenGrant } from "@ticketping/common/queue/client";
import { ApiError, apiRequest } from "../api-client";
import { ask, openQueueSocket, type QueueSocket } from "../queue/queue-socket";

/** Where the one "more time" of the slot stands. */
export type SlotExtension =
  /** The queue has not said yet whether the slot was extended already. */
  | { state: "checking" }
  | { state: "offered" }
  | { state: "asking" }
  /** `here`: extended from this page just now (worth announcing), else earlier. */
  | { state: "used"; here: boolean }
  /** The slot is not active any more: nothing to extend. */
  | { state: "unavailable" }
  /** Asking failed in a way that may pass (connection, Redis); may be asked again. */
  | { state: "failed"; message: string };

export interface WorkingSlot {
  /** When the slot ends, epoch ms on the server's clock. */
  expiresAtMs: number;
  extension: SlotExtension;
  extend: () => void;
}

const STATUS_RETRY_MS = 5_000;
/** A token's exp is the slot's end rounded up to a whole second. */
const EXP_ROUNDING_MS = 1_000;
/** Answers that mean the slot has ended (the seat map's gate then says so). */
const SLOT_GONE: ReadonlySet<string> = new Set([
  "NOT_ADMITTED",
  "NOT_CLAIMED",
  "QUEUE_TOKEN_REQUIRED",
]);
const UNREACHABLE = "We could not reach the waiting room. Please try again.";

/**
 * The buyer's waiting-room slot while on the seat map: when it ends, and its one
 * extension (`queue:extend`). The page starts from the expiry of the token it was let in
 * with; the queue service's own answer (`queue:status`) then gives the exact end and
 * whether the extension is still there. An extension comes with a new token, which the
 * web app must store in the cookie before the old token expires, or the booking gate
 * ends the visit at the old time.
 */
export function useWorkingSlot({
  performanceId,
  queueUrl,
  tokenExpiresAtMs,
}: {
  performanceId: string;
  queueUrl: string;
  /** Expiry (exp) of the token the page was let in with (the one in the cookie). */
  tokenExpiresAtMs: number;
}): WorkingSlot {
  // Until the queue answers, the earliest the slot may end: never promise more time.
  const [expiresAtMs, setExpiresAtMs] = useState(tokenExpiresAtMs - EXP_ROUNDING_MS);
  const [extension, setExtension] = useState<SlotExtension>({ state: "checking" });
  const socketRef = useRef<QueueSocket | null>(null);
  // Expiry of the token in the cookie: a slot that outlives it (extended, but storing the
  // new token failed) would end early at the gate unless the current token is stored.
  const storedUntil = useRef(tokenExpiresAtMs);

  const storeToken = useCallback(async (grant: WorkingTokenGrant) => {
    await apiRequest("/api/queue/working-token", { method: "POST", body: { token: grant.token } });
    storedUntil.current = Math.max(storedUntil.current, grant.expiresAt);
  }, []);

  // Claiming again answers the live grant's token (same id, current expiry) and changes
  // nothing, so it is how a page gets hold of a token extended elsewhere.
  const adoptCurrentToken = useCallback(
    async (socket: QueueSocket): Promise<WorkingTokenGrant> => {
      const reply = await ask(socket, "queue:claim", performanceId);
      if ("error" in reply) {
        throw new ApiError(409, reply.error.code, reply.error.message, undefined);
      }
      await storeToken(reply.data);
      return reply.data;
    },
    [performanceId, storeToken],
  );

  useEffect(() => {
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const { socket, close } = openQueueSocket({
      queueUrl,
      performanceId,
      onState: () => undefined,
    });
    socketRef.current = socket;

    const learn = () => {
      clearTimeout(retryTimer);
      const retryLater = () => {
        if (!stopped) retryTimer = setTimeout(learn, STATUS_RETRY_MS);
      };
      ask(socket, "queue:status", performanceId).then((reply) => {
        if (stopped) return;
        if ("error" in reply) {
          if (reply.error.code === "SERVICE_UNAVAILABLE") retryLater();
          else
            setExtension((current) =>
              current.state === "asking" ? current : { state: "unavailable" },
            );
          return;
        }
        const standing = reply.data;
        if (standing.status !== "active") {
          setExtension((current) =>
            current.state === "asking" ? current : { state: "unavailable" },
          );
          return;
        }
        setExpiresAtMs(standing.expiresAt);
        setExtension((current) => {
          if (current.state === "asking") return current;
          if (standing.extendable) return { state: "offered" };
          return { state: "used", here: current.state === "used" && current.here };
        });
        if (standing.expiresAt > storedUntil.current) {
          adoptCurrentToken(socket).catch(() => undefined);
        }
      }, retryLater);
    };
    // Every (re)connect asks again: the slot may have been extended or ended meanwhile.
    socket.on("connect", learn);

    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      socketRef.current = null;
      close();
    };
  }, [performanceId, queueUrl, adoptCurrentToken]);

  const extend = useCallback(() => {
    const socket = socketRef.current;
    if (!socket) return;
    setExtension({ state: "asking" });
    const run = async () => {
      const reply = await ask(socket, "queue:extend", performanceId);
      if ("error" in reply) {
        const { code, message } = reply.error;
        if (code === "ALREADY_EXTENDED") {
          // Extended before, maybe in another tab: the cookie must carry the longer token.
          const grant = await adoptCurrentToken(socket);
          setExpiresAtMs(grant.expiresAt);
          setExtension({ state: "used", here: false });
        } else if (SLOT_GONE.has(code)) {
          setExtension({ state: "unavailable" });
        } else {
          setExtension({ state: "failed", message });
        }
        return;
      }
      await storeToken(reply.data);
      setExpiresAtMs(reply.data.expiresAt);
      setExtension({ state: "used", here: true });
    };
    run().catch((error: unknown) => {
      if (error instanceof ApiError && SLOT_GONE.has(error.code)) {
        setExtension({ state: "unavailable" });
        return;
      }
      setExtension({
        state: "failed",
        message: error instanceof ApiError && error.status > 0 ? error.message : UNREACHABLE,
      });
    });
  }, [performanceId, adoptCurrentToken, storeToken]);

  return { expiresAtMs, extension, extend };
}
