import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import ko from "../../messages/ko.json";
import { countdownText } from "./countdown-timer";
import { countdownParts } from "./use-countdown";

const english = createTranslator({ locale: "en", messages: en, namespace: "countdown" });
const korean = createTranslator({ locale: "ko", messages: ko, namespace: "countdown" });

describe("countdown text", () => {
  it("shows days only when there are some, and rounds partial seconds up", () => {
    expect(countdownText(93_784_000, english).digits).toBe("1d 02:03:04");
    expect(countdownText(3_599_001, english).digits).toBe("01:00:00");
    expect(countdownText(0, english).digits).toBe("00:00:00");
    expect(countdownParts(3_599_001)).toMatchObject({ days: 0, hours: 1, minutes: 0, seconds: 0 });
  });

  it("gives screen readers words instead of digits", () => {
    expect(countdownText(93_784_000, english).words).toBe("1 day 2 hours 3 minutes");
    expect(countdownText(30_000, english).words).toBe("less than a minute");
  });

  it("says the same in Korean", () => {
    expect(countdownText(93_784_000, korean)).toEqual({
      digits: "1일 02:03:04",
      words: "1일 2시간 3분",
    });
    expect(countdownText(30_000, korean).words).toBe("1분 미만");
  });
});
