import { AsyncLocalStorage } from "node:async_hooks";
import { Writable } from "node:stream";
import {
  context,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type ContextManager,
} from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, withLogContext } from "./index";

/** The smallest context manager that carries a context across awaits, as the SDK's does. */
class TestContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    active: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.storage.run(active, () => fn.apply(thisArg, args));
  }
  bind<T>(_context: Context, target: T): T {
    return target;
  }
  enable(): this {
    return this;
  }
  disable(): this {
    this.storage.disable();
    return this;
  }
}

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ name: "test", destination }) };
}

beforeAll(() => {
  context.setGlobalContextManager(new TestContextManager());
});

afterAll(() => {
  context.disable();
});

describe("createLogger", () => {
  it("adds the request or event context to every line written inside it", async () => {
    const { lines, logger } = capture();
    logger.info("outside");
    await withLogContext({ requestId: "r-1" }, async () => {
      await Promise.resolve();
      logger.child({ component: "x" }).warn({ seat: 3 }, "inside");
    });
    expect(lines[0]).not.toHaveProperty("requestId");
    expect(lines[1]).toMatchObject({ requestId: "r-1", component: "x", seat: 3, msg: "inside" });
  });

  it("adds the active span's trace and span ids, and nothing for an invalid span", () => {
    const { lines, logger } = capture();
    const spanContext = {
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: TraceFlags.SAMPLED,
    };
    context.with(trace.setSpanContext(ROOT_CONTEXT, spanContext), () => {
      logger.info("traced");
    });
    context.with(
      trace.setSpanContext(ROOT_CONTEXT, { ...spanContext, traceId: "0".repeat(32) }),
      () => {
        logger.info("invalid");
      },
    );
    expect(lines[0]).toMatchObject({ traceId: spanContext.traceId, spanId: spanContext.spanId });
    expect(lines[1]).not.toHaveProperty("traceId");
  });

  it("still redacts secrets, and a field given to the call wins over the context", () => {
    const { lines, logger } = capture();
    withLogContext({ requestId: "r-2" }, () => {
      logger.info({ password: "hunter2", requestId: "explicit" }, "login");
    });
    expect(lines[0]).toMatchObject({ password: "[redacted]", requestId: "explicit" });
  });
});
