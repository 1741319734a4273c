import path from "node:path";
import { ClientProcess, splitEvenly } from "@ticketping/common/testing";
import type { BareSockets } from "../bare/open-bare-sockets";
import type { BuyerResult } from "../buyer/context";
import { crowdReply, streamedReplies, type CrowdCommand, type CrowdReply } from "./crowd-protocol";
import type { ClientShare, LoadGenerators } from "./load-generators";

type Client = ClientProcess<CrowdCommand, CrowdReply>;
type Streamed = Extract<CrowdReply, { type: "finished" | "working-set" | "log" }>;

/** How long a client process may take to close its sockets and say so. */
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * The buyers spread over `processes` client processes (client-process-main.ts), each with
 * its own loopback address and an even share of the buyers and of the bare reference's
 * sockets. Each process's buyers make their seat choices and lapse decisions from their
 * own sequence, derived from the run's seed and the process's number, so a seed repeats a
 * run with the same number of processes; the plans are drawn here, from the seed, as in
 * one process.
 */
export async function startForkedGenerators({
  processes,
  seed,
  httpConnections,
  bareTimeoutMs,
}: {
  processes: number;
  seed: number;
  /** Keep-alive connections to the web app of each process. */
  httpConnections: number;
  bareTimeoutMs: number;
}): Promise<LoadGenerators> {
  const listeners: ((message: Streamed, index: number) => void)[] = [];
  const clients: Client[] = Array.from(
    { length: processes },
    (_, index) =>
      new ClientProcess<CrowdCommand, CrowdReply>({
        entry: path.join(import.meta.dirname, "client-process-main.ts"),
        parse: (raw) => crowdReply.parse(raw),
        notice: (reply) => {
          if (!streamedReplies.has(reply.type)) return false;
          for (const listener of listeners) listener(reply as Streamed, index);
          return true;
        },
      }),
  );
  const close = async () => {
    await Promise.all(
      clients.map((client) =>
        Promise.race([
          client.ask({ type: "close" }, "closed").catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS)),
        ]),
      ),
    );
    for (const client of clients) client.kill();
  };
  try {
    await Promise.all(clients.map((client) => client.ready));
  } catch (error) {
    await close();
    throw error;
  }
  const address = (index: number) => ClientProcess.loopbackAddress(index);
  const name = (index: number) => `client process ${index + 1} (${address(index)})`;

  const openBare = async (url: string, count: number): Promise<BareSockets> => {
    const shares = splitEvenly(count, processes);
    const opened = await Promise.all(
      clients.map((client, index) => {
        const [from, to] = shares[index] ?? [0, 0];
        return client.ask(
          {
            type: "bare-open",
            url,
            count: to - from,
            timeoutMs: bareTimeoutMs,
            localAddress: address(index),
          },
          "bare-opened",
        );
      }),
    );
    return {
      samples: opened.flatMap((answer) => answer.samples),
      close: async () => {
        await Promise.all(
          clients.map((client) => client.ask({ type: "bare-close" }, "bare-closed")),
        );
      },
    };
  };

  return {
    bare: { clientProcesses: processes, open: openBare },
    runCrowd: async ({
      settings,
      identities,
      plans,
      recorder,
      stopSignal,
      log,
      progressLine,
      observeWorkingSet,
    }) => {
      const ranges = splitEvenly(identities.length, processes);
      const results: (BuyerResult | undefined)[] = Array.from({ length: identities.length });
      const finished: BuyerResult[] = [];
      let endedTwice = 0;
      const listener = (message: Streamed, index: number) => {
        switch (message.type) {
          case "finished": {
            const at = (ranges[index]?.[0] ?? 0) + message.index;
            if (results[at]) endedTwice++;
            results[at] = message.result;
            finished.push(message.result);
            break;
          }
          case "working-set":
            observeWorkingSet(message.active);
            break;
          case "log":
            log(`${name(index)}: ${message.line}`);
            break;
        }
      };
      listeners.push(listener);
      const stop = () => {
        for (const client of clients) client.tell({ type: "stop" });
      };
      stopSignal?.addEventListener("abort", stop, { once: true });
      const progress = setInterval(() => {
        log(progressLine(finished));
      }, 5_000);
      try {
        const asked = Promise.all(
          clients.map((client, index) => {
            const [from, to] = ranges[index] ?? [0, 0];
            return client.ask(
              {
                type: "crowd",
                settings,
                identities: identities.slice(from, to),
                plans: plans.slice(from, to),
                httpConnections,
                localAddress: address(index),
                originEpochMs: recorder.originEpochMs,
                seed: processSeed(seed, index),
              },
              "crowd-done",
            );
          }),
        );
        if (stopSignal?.aborted) stop();
        const done = await asked;
        const shares: ClientShare[] = done.map((answer, index) => {
          recorder.merge(answer.recorder);
          return { name: name(index), address: address(index), ...answer.counts };
        });
        if (endedTwice > 0) throw new Error(`${endedTwice} buyers reported two results`);
        const missing = results.findIndex((result) => result === undefined);
        if (missing !== -1) throw new Error(`no result came back for buyer ${missing}`);
        return { results: results as BuyerResult[], shares };
      } finally {
        clearInterval(progress);
        stopSignal?.removeEventListener("abort", stop);
        listeners.splice(listeners.indexOf(listener), 1);
      }
    },
    clients: clients.map((client, index) => ({ name: name(index), pid: client.pid })),
    close,
  };
}

/** The `index`th process's seed: its own sequence, repeated by the same run seed. */
function processSeed(seed: number, index: number): number {
  return (seed + Math.imul(index + 1, 0x9e3779b1)) >>> 1;
}
