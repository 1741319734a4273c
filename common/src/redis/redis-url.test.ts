import { describe, expect, it } from "vitest";
import { envFields, parseEnv } from "../env";
import { parseRedisUrl, redisUrlIssues } from "./redis-url";

describe("REDIS_URL", () => {
  it("names one Redis, with its database", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6379/2")).toEqual({
      kind: "single",
      url: "redis://127.0.0.1:6379/2",
      database: 2,
    });
  });

  it("lists a Redis Cluster's nodes, with their shared credentials", () => {
    expect(
      parseRedisUrl("rediss://app:s%40cret@10.0.0.1:7000, rediss://app:s%40cret@10.0.0.2"),
    ).toEqual({
      kind: "cluster",
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "10.0.0.2", port: 6379 },
      ],
      username: "app",
      password: "s@cret",
      tls: true,
    });
  });

  it.each([
    ["http://127.0.0.1:6379", /redis:\/\/ URL/],
    ["redis://127.0.0.1:6379,127.0.0.1:6380", /redis:\/\/ URL/],
    ["redis://127.0.0.1:7000/1,redis://127.0.0.1:7001/1", /cannot name a database/],
    ["redis://a:1@127.0.0.1:7000,redis://127.0.0.1:7001", /same scheme and credentials/],
    ["redis://127.0.0.1:6379/cache", /database number/],
  ])("refuses %s", (value, message) => {
    expect(redisUrlIssues(value)).toEqual([expect.stringMatching(message)]);
    expect(() => parseEnv({ REDIS_URL: envFields.redisUrl }, { REDIS_URL: value })).toThrow(
      /REDIS_URL/,
    );
  });
});
