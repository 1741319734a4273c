import { AsyncLocalStorage } from "node:async_hooks";

/** Fields every log line written while handling one request or event carries. */
export type LogContext = Readonly<Record<string, string | number>>;

// Next.js may load this module more than once (one copy per bundle layer); one storage
// per process keeps a request's id visible to every copy's loggers.
const storageKey = Symbol.for("ticketping.log-context");
const globalStore = globalThis as unknown as Record<
  symbol,
  AsyncLocalStorage<LogContext> | undefined
>;
const storage = (globalStore[storageKey] ??= new AsyncLocalStorage<LogContext>());

/** Runs `work` with `fields` added to every log line it writes (nested contexts merge). */
export function withLogContext<Result>(fields: LogContext, work: () => Result): Result {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, work);
}

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
