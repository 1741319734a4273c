import { fork, type ChildProcess } from "node:child_process";

/**
 * A process of a load generator, forked from a TypeScript entry (through tsx) and driven
 * over its IPC channel: one command at a time, answered by one reply. Replies that
 * `notice` takes (what the process streams while it works) go there instead of answering.
 * Its first reply must be `{ type: "ready" }`, sent once its imports have loaded.
 *
 * Load generators are spread over several processes because each socket costs a file
 * descriptor and one process may open only so many; each process connects from its own
 * loopback address (`loopbackAddress`), because one source address has only about 28,000
 * ephemeral ports towards one server port.
 */
export class ClientProcess<Command, Reply extends { type: string }> {
  private readonly child: ChildProcess;
  private waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  private exited: Error | undefined;
  /** Resolves once the process has loaded and can take commands. */
  readonly ready: Promise<void>;

  constructor({
    entry,
    parse,
    notice = () => false,
  }: {
    /** The process's TypeScript entry file. */
    entry: string;
    /** Checks each message the process sends (a zod schema's parse). */
    parse: (raw: unknown) => Reply;
    /** Takes a streamed message (true) or leaves it as the answer to the pending command. */
    notice?: (reply: Reply) => boolean;
  }) {
    this.ready = new Promise((resolve, reject) => {
      this.waiting = {
        resolve: () => {
          resolve();
        },
        reject,
      };
    });
    // Never left unhandled: a process that dies before it is ready fails the first ask.
    this.ready.catch(() => undefined);
    this.child = fork(entry, [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (raw) => {
      let reply: Reply;
      try {
        reply = parse(raw);
      } catch (error) {
        this.settle((waiting) => {
          waiting.reject(error instanceof Error ? error : new Error(String(error)));
        });
        return;
      }
      if (notice(reply)) return;
      this.settle((waiting) => {
        waiting.resolve(reply);
      });
    });
    this.child.once("exit", (code, signal) => {
      this.exited = new Error(`client process ${this.pid} exited (${signal ?? code ?? "?"})`);
      this.settle((waiting) => {
        waiting.reject(this.exited as Error);
      });
    });
  }

  /** The loopback address the `index`th client process connects from: 127.0.0.2, .3, ... */
  static loopbackAddress(index: number): string {
    return `127.0.0.${index + 2}`;
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** Sends a command and resolves with its answer, which must be of type `expected`. */
  async ask<Type extends Reply["type"]>(
    command: Command,
    expected: Type,
  ): Promise<Extract<Reply, { type: Type }>> {
    await this.ready;
    const answer = await new Promise<Reply>((resolve, reject) => {
      if (this.exited) {
        reject(this.exited);
        return;
      }
      this.waiting = { resolve, reject };
      this.child.send(command as object);
    });
    if (answer.type !== expected) {
      throw new Error(`client process answered ${JSON.stringify(answer).slice(0, 300)}`);
    }
    return answer as Extract<Reply, { type: Type }>;
  }

  /** Sends a command no answer is awaited for (e.g. "stop" while a command is pending). */
  tell(command: Command): void {
    if (!this.exited && this.child.connected) this.child.send(command as object);
  }

  kill(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }

  private settle(
    action: (waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void }) => void,
  ): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) action(waiting);
  }
}
