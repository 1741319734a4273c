import { Worker } from "node:worker_threads";
import type { Logger } from "@ticketping/common/logger";
import type { PrintableReservation } from "@ticketping/common/tickets/print";

/** A reservation's tickets as the order mail carries them. */
export interface RenderedTickets {
  pdf: Uint8Array;
  images: { ticketId: string; png: Uint8Array }[];
}

export interface TicketRenderer {
  render: (reservation: PrintableReservation) => Promise<RenderedTickets>;
  /** Whether the thread runs at the lower priority (false where the OS refused). */
  reniced: boolean;
  stop: () => Promise<void>;
}

export interface RenderThreadData {
  signingKey: string;
  niceness: number;
}
export interface RenderRequest {
  id: number;
  reservation: PrintableReservation;
}
export type RenderReply =
  | { ready: true; reniced: boolean }
  | ({ id: number } & RenderedTickets)
  | { id: number; error: string };

// In the bundle import.meta.url is dist/main.js, next to dist/render-thread.js (its own
// entry point, scripts/bundle-service.mjs). From source it is this file, next to the .ts,
// which a thread cannot load by itself on Node 20 (a worker's entry file skips the loader
// hooks that --import tsx registers): there the thread loads it through tsx's API.
const fromSource = import.meta.url.endsWith(".ts");
function newRenderThread(workerData: RenderThreadData): Worker {
  if (!fromSource)
    return new Worker(new URL("./render-thread.js", import.meta.url), { workerData });
  const file = JSON.stringify(new URL("./render-thread.ts", import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve("tsx/esm/api"));
  return new Worker(`import(${tsx}).then(({ tsImport }) => tsImport(${file}, ${file}))`, {
    eval: true,
    workerData,
  });
}

/**
 * Renders ticket PDFs and QR images (pdf-lib, qrcode: tens of ms of CPU per order) on a
 * worker thread at nice 19, so on a busy machine the payment path on the main thread runs
 * first and mail takes what CPU is left: a confirmation mail may be seconds late, a
 * confirmation may not. Resolves once the thread has loaded; a thread that dies later is
 * started again on the next render, the renders in flight fail (the sender retries them).
 */
export async function startTicketRenderer({
  signingKey,
  logger,
  niceness = 19,
}: {
  signingKey: string;
  logger: Logger;
  niceness?: number;
}): Promise<TicketRenderer> {
  const log = logger.child({ component: "ticket-renderer" });
  const pending = new Map<
    number,
    { resolve: (tickets: RenderedTickets) => void; reject: (error: Error) => void }
  >();
  let nextId = 0;
  let stopping = false;
  let current: { thread: Worker; reniced: boolean } | undefined;

  const spawn = () =>
    new Promise<{ thread: Worker; reniced: boolean }>((resolve, reject) => {
      const thread = newRenderThread({ signingKey, niceness });
      let started = false;
      thread.on("message", (reply: RenderReply) => {
        if ("ready" in reply) {
          started = true;
          resolve({ thread, reniced: reply.reniced });
          return;
        }
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if ("error" in reply)
          waiting?.reject(new Error(`rendering tickets failed: ${reply.error}`));
        else waiting?.resolve({ pdf: reply.pdf, images: reply.images });
      });
      thread.on("error", (error) => {
        if (!started) reject(error);
        else log.error({ err: error }, "ticket renderer thread failed");
      });
      thread.on("exit", (code) => {
        if (!started) reject(new Error(`ticket renderer thread exited with ${code}`));
        if (current?.thread === thread) current = undefined;
        for (const waiting of pending.values()) {
          waiting.reject(new Error("the ticket renderer thread stopped"));
        }
        pending.clear();
      });
    });

  current = await spawn();
  if (!current.reniced) log.warn("could not lower the ticket renderer's priority");

  return {
    reniced: current.reniced,
    render: async (reservation) => {
      if (stopping) throw new Error("the ticket renderer is stopping");
      current ??= await spawn();
      const { thread } = current;
      const id = nextId++;
      return new Promise<RenderedTickets>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        thread.postMessage({ id, reservation } satisfies RenderRequest);
      });
    },
    stop: async () => {
      stopping = true;
      await current?.thread.terminate();
    },
  };
}
