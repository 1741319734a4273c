import { describe, expect, it } from "vitest";
import { DEFAULT_QUEUE_POW_COMPLEXITY } from "@ticketping/common/queue";
import { DEFAULT_POW_COMPLEXITY } from "./pow-policy";

describe("the line's default proof of work", () => {
  it("is the same at both doors (the ticket route and the queue socket's session handshake)", () => {
    expect(DEFAULT_QUEUE_POW_COMPLEXITY).toBe(DEFAULT_POW_COMPLEXITY);
  });
});
