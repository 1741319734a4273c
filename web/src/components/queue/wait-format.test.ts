import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import type { WaitEstimate } from "@ticketping/common/queue/client";
import en from "../../../messages/en.json";
import ko from "../../../messages/ko.json";
import { lineProgressPercent, peopleAhead, waitWords } from "./wait-format";

const english = createTranslator({ locale: "en", messages: en, namespace: "wait" });
const korean = createTranslator({ locale: "ko", messages: ko, namespace: "wait" });

function formatWait(estimate: WaitEstimate, t = english): string {
  const words = waitWords(estimate);
  return t(words.key, words.values);
}

const range = (lowSeconds: number, highSeconds: number) => ({
  kind: "range" as const,
  lowSeconds,
  highSeconds,
});

describe("formatWait", () => {
  it("says the buyer is next at the front, whatever the pace", () => {
    expect(formatWait({ kind: "next" })).toBe("You’re next");
  });

  it("says the line has not moved yet rather than guess", () => {
    expect(formatWait({ kind: "unknown" })).toBe("Waiting for the line to move");
  });

  it("gives a range in whole minutes, one figure when both ends agree", () => {
    expect(formatWait(range(10, 59))).toBe("Under 1 min");
    expect(formatWait(range(30, 70))).toBe("1–2 min");
    expect(formatWait(range(150, 170))).toBe("2–3 min");
    expect(formatWait(range(181, 239))).toBe("3–4 min");
    expect(formatWait(range(240, 240))).toBe("About 4 min");
  });

  it("gives half hours beyond an hour", () => {
    expect(formatWait(range(3_600, 3_600))).toBe("About 1 h");
    expect(formatWait(range(3_700, 5_400))).toBe("1–1.5 h");
    expect(formatWait(range(2_400, 5_430))).toBe("40 min–2 h");
  });

  it("says the same in Korean", () => {
    expect(formatWait({ kind: "next" }, korean)).toBe("다음 차례입니다");
    expect(formatWait(range(10, 59), korean)).toBe("1분 미만");
    expect(formatWait(range(30, 70), korean)).toBe("1~2분");
    expect(formatWait(range(240, 240), korean)).toBe("약 4분");
    expect(formatWait(range(3_700, 5_400), korean)).toBe("1~1.5시간");
    expect(formatWait(range(2_400, 5_430), korean)).toBe("40분~2시간");
  });
});

describe("lineProgressPercent", () => {
  it("is full at the front and never empty while in line", () => {
    expect(lineProgressPercent(1, 1)).toBe(100);
    expect(lineProgressPercent(1, 40)).toBe(100);
    expect(lineProgressPercent(40, 40)).toBe(2);
    expect(lineProgressPercent(2, 2)).toBe(2);
    expect(lineProgressPercent(2, 40)).toBe(97);
    expect(lineProgressPercent(20, 39)).toBe(50);
  });

  it("measures from the furthest place back, never past it", () => {
    expect(lineProgressPercent(50, 40)).toBe(2);
  });
});

describe("peopleAhead", () => {
  it("counts everyone before the place", () => {
    expect(peopleAhead(1)).toBe(0);
    expect(peopleAhead(7)).toBe(6);
  });
});
