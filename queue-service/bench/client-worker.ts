// A process holding a share of the benchmark's sockets, driven over IPC by socket-load.ts.
import { randomUUID } from "node:crypto";
import {
  DEVELOPMENT_QUEUE_TICKET_SECRET,
  signQueueTicket,
  type Ack,
  type QueueProgress,
  type QueueStanding,
} from "@ticketping/common/queue";
import { WireSocket } from "./wire-socket";
import {
  REST_JOINS_IN_FLIGHT,
  workerCommand,
  type WorkerCommand,
  type WorkerReply,
} from "./worker-protocol";

const sockets: WireSocket[] = [];
let watcher: ((progress: QueueProgress, receivedAt: number) => void) | undefined;

function reply(message: WorkerReply): void {
  process.send?.(message);
}

function now(): number {
  return performance.timeOrigin + performance.now();
}

async function connect(url: string, count: number, localAddress: string): Promise<WorkerReply> {
  let failed = 0;
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    await Promise.all(
      Array.from({ length: size }, async () => {
        const ticket = await signQueueTicket({
          secret: DEVELOPMENT_QUEUE_TICKET_SECRET,
          userId: randomUUID(),
          ttlSeconds: 600,
        });
        const socket = await WireSocket.connect(url, { ticket }, 60_000, localAddress).catch(
          () => undefined,
        );
        if (!socket) {
          failed++;
          return;
        }
        socket.onEvent = (name, frame) => {
          if (name !== "queue:progress" || !watcher) return;
          const receivedAt = now();
          const [, progress] = JSON.parse(frame) as [string, QueueProgress];
          watcher(progress, receivedAt);
        };
        sockets.push(socket);
      }),
    );
  }
  return { type: "connected", count: sockets.length, failed };
}

async function join(socket: WireSocket, performanceId: string): Promise<Ack<QueueStanding>> {
  return (await socket.emitWithAck("queue:join", { performanceId }, 60_000)) as Ack<QueueStanding>;
}

function countError(errors: Record<string, number>, code: string): void {
  errors[code] = (errors[code] ?? 0) + 1;
}

async function burst(command: Extract<WorkerCommand, { type: "burst" }>): Promise<WorkerReply> {
  const share = sockets.slice(command.from, command.to);
  const latenciesMs: number[] = [];
  const errors: Record<string, number> = {};
  const started = now();
  const spacingMs = command.durationMs / Math.max(1, share.length);
  const pending: Promise<void>[] = [];
  let sent = 0;
  // Every 5 ms, send the joins that are due: an even pace without a timer per join.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(share.length, Math.floor((now() - started) / spacingMs) + 1);
      for (; sent < due; sent++) {
        const socket = share[sent];
        if (!socket) continue;
        const sentAt = now();
        pending.push(
          join(socket, command.performanceId).then(
            (answer) => {
              if ("error" in answer) countError(errors, answer.error.code);
              else latenciesMs.push(now() - sentAt);
            },
            () => {
              countError(errors, "TIMEOUT");
            },
          ),
        );
      }
      if (sent >= share.length) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  await Promise.all(pending);
  return { type: "burst-done", latenciesMs, errors };
}

/** As the client contract says: SERVICE_UNAVAILABLE is answered at once; ask again later. */
const RETRY_AFTER_MS = 2_000;
const MAX_ATTEMPTS = 4;

async function joinAll(command: Extract<WorkerCommand, { type: "join" }>): Promise<WorkerReply> {
  const errors: Record<string, number> = {};
  const share = sockets.slice(command.from, command.to);
  let next = 0;
  await Promise.all(
    Array.from({ length: REST_JOINS_IN_FLIGHT }, async () => {
      while (next < share.length) {
        const socket = share[next++];
        if (!socket) continue;
        for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
          const answer = await join(socket, command.performanceId).catch(() => undefined);
          const code = !answer ? "TIMEOUT" : "error" in answer ? answer.error.code : undefined;
          if (code === undefined) break;
          if (code !== "SERVICE_UNAVAILABLE" || attempt === MAX_ATTEMPTS) {
            countError(errors, code);
            break;
          }
          countError(errors, "SERVICE_UNAVAILABLE (asked again)");
          await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
        }
      }
    }),
  );
  return { type: "joined", errors };
}

async function watchProgress(
  command: Extract<WorkerCommand, { type: "watch-progress" }>,
): Promise<WorkerReply> {
  const byBroadcast = new Map<number, number[]>();
  const expected = sockets.length * command.broadcasts;
  let seen = 0;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, command.timeoutMs);
    watcher = (progress, receivedAt) => {
      if (progress.at <= command.after) return;
      const delays = byBroadcast.get(progress.at) ?? [];
      if (delays.length === 0 && byBroadcast.size >= command.broadcasts) return;
      delays.push(receivedAt - progress.at);
      byBroadcast.set(progress.at, delays);
      if (++seen >= expected) {
        clearTimeout(timer);
        resolve();
      }
    };
  });
  watcher = undefined;
  return {
    type: "progress-seen",
    broadcasts: [...byBroadcast].map(([at, delaysMs]) => ({ at, delaysMs })),
  };
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.type) {
    case "connect":
      return connect(command.url, command.count, command.localAddress);
    case "burst":
      return burst(command);
    case "join":
      return joinAll(command);
    case "watch-progress":
      return watchProgress(command);
    case "close":
      for (const socket of sockets) socket.close();
      return { type: "closed" };
  }
}

process.on("message", (raw) => {
  const parsed = workerCommand.safeParse(raw);
  if (!parsed.success) {
    reply({ type: "failed", message: parsed.error.message });
    return;
  }
  handle(parsed.data).then(
    (answer) => {
      reply(answer);
      if (answer.type === "closed") setTimeout(() => process.exit(0), 100);
    },
    (error: unknown) => {
      reply({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    },
  );
});
// The orchestrator going away must never leave this process holding sockets.
process.on("disconnect", () => process.exit(0));
reply({ type: "ready" });
