import { describe, expect, it } from "vitest";
import { replicationFor } from "./topic-replication";

describe("replicationFor", () => {
  it("keeps one copy on one broker, so a single broker accepts every write", () => {
    expect(replicationFor(1)).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
  });

  it("keeps three copies, two in sync, from three brokers on", () => {
    expect(replicationFor(3)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(replicationFor(5)).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
  });

  it("follows an explicit factor (KAFKA_REPLICATION_FACTOR) whatever the cluster's size", () => {
    expect(replicationFor(3, 1)).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
    expect(replicationFor(5, 5)).toEqual({ replicationFactor: 5, minInsyncReplicas: 4 });
  });
});
