import { describe, expect, it } from "vitest";
import { LIMITS, parseCliOptions } from "./options";

describe("parseCliOptions", () => {
  it("defaults to the issue's scenario: 5,000 buyers, 1,000 seats, maxActive 200", () => {
    expect(parseCliOptions([])).toMatchObject({
      buyers: 5_000,
      seats: 1_000,
      maxActive: 200,
      abandonRate: 0.05,
      lapseRate: 0.05,
    });
  });

  it("reads --kebab-case flags", () => {
    expect(
      parseCliOptions([
        "--buyers",
        "60",
        "--max-active",
        "5",
        "--abandon-rate",
        "0.2",
        "--out",
        "x",
        "--client-processes",
        "2",
        "--queue-processes",
        "3",
        "--background-nice",
        "10",
      ]),
    ).toMatchObject({
      buyers: 60,
      maxActive: 5,
      abandonRate: 0.2,
      out: "x",
      clientProcesses: 2,
      queueProcesses: 3,
      backgroundNice: 10,
    });
    expect(parseCliOptions([])).toMatchObject({ backgroundNice: 0 });
    expect(() => parseCliOptions(["--background-nice", "20"])).toThrow();
    expect(parseCliOptions(["--help"])).toBe("help");
  });

  it("reads where the services write their CPU profiles; none by default", () => {
    expect(parseCliOptions(["--profile-dir", "/tmp/profiles"])).toMatchObject({
      profileDir: "/tmp/profiles",
    });
    expect(parseCliOptions([])).not.toHaveProperty("profileDir");
    expect(() => parseCliOptions(["--profile-dir", ""])).toThrow();
  });

  it("refuses sizes and times beyond the hard bounds", () => {
    expect(parseCliOptions(["--buyers", "20000", "--seats", "5000"])).toMatchObject({
      buyers: 20_000,
      seats: 5_000,
    });
    expect(() => parseCliOptions(["--buyers", String(LIMITS.maxBuyers + 1)])).toThrow();
    expect(() =>
      parseCliOptions(["--client-processes", String(LIMITS.maxProcesses + 1)]),
    ).toThrow();
    expect(() => parseCliOptions(["--queue-processes", "0"])).toThrow();
    expect(() => parseCliOptions(["--seats", String(LIMITS.maxSeats + 1)])).toThrow();
    expect(() =>
      parseCliOptions(["--time-limit", String(LIMITS.maxTimeLimitSeconds + 1)]),
    ).toThrow();
  });

  it("refuses nonsense: rates outside [0, 1], fractions of buyers, unknown flags", () => {
    expect(() => parseCliOptions(["--lapse-rate", "1.5"])).toThrow();
    expect(() => parseCliOptions(["--buyers", "2.5"])).toThrow();
    expect(() => parseCliOptions(["--buyers", "many"])).toThrow();
    expect(() => parseCliOptions(["--hold-ttl", "1"])).toThrow();
    expect(() => parseCliOptions(["--users", "10"])).toThrow();
  });
});
