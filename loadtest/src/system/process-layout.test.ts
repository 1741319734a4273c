import { describe, expect, it } from "vitest";
import { processLayout } from "./process-layout";

/** The open-file limit of one process on the machines the load test runs on (hard). */
const LIMIT = 20_000;

describe("processLayout", () => {
  it("keeps up to 10,000 buyers in this one process and the queue service in one", () => {
    expect(processLayout({ buyers: 60 }, LIMIT)).toMatchObject({
      clientProcesses: 1,
      queueProcesses: 1,
      httpConnections: 60,
    });
    expect(processLayout({ buyers: 10_000 }, LIMIT)).toMatchObject({
      clientProcesses: 1,
      queueProcesses: 1,
      httpConnections: 1_024,
      files: { client: 10_000 + 1_024 + 256, queue: 10_000 + 256 },
    });
  });

  it("spreads more buyers over processes so none nears its file limit", () => {
    const layout = processLayout({ buyers: 20_000 }, LIMIT);
    expect(layout).toMatchObject({ clientProcesses: 2, queueProcesses: 2, httpConnections: 512 });
    expect(layout.files.client).toBeLessThan(LIMIT * 0.6);
    expect(layout.files.queue).toBeLessThan(LIMIT * 0.6);
  });

  it("takes the processes asked for, sharing the web app's connections among them", () => {
    expect(
      processLayout({ buyers: 200, clientProcesses: 2, queueProcesses: 3 }, LIMIT),
    ).toMatchObject({ clientProcesses: 2, queueProcesses: 3, httpConnections: 100 });
    expect(processLayout({ buyers: 5_000, clientProcesses: 4 }, LIMIT).httpConnections).toBe(256);
  });

  it("refuses, before anything starts, a process that would need more files than it may open", () => {
    expect(() => processLayout({ buyers: 20_000, clientProcesses: 1 }, LIMIT)).toThrow(
      /1 client process\(es\) need about 21280 open files each; the limit here is 20000/,
    );
    expect(() => processLayout({ buyers: 20_000, queueProcesses: 1 }, LIMIT)).toThrow(
      /1 queue-service process\(es\) need about 20256/,
    );
    // Where the limit is unknown, nothing is refused.
    expect(processLayout({ buyers: 20_000, clientProcesses: 1 }, null).clientProcesses).toBe(1);
  });
});
