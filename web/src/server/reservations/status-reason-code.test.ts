import { describe, expect, it } from "vitest";
import { statusReasons } from "@ticketping/db/lifecycle";
import { LOCALES } from "@ticketping/common/i18n";
import { loadMessages } from "../../i18n/messages";
import { statusReasonCodeOf, statusReasonCodes } from "./status-reason-code";

describe("statusReasonCodeOf", () => {
  it("gives every stored reason its code, and none to an unknown or missing text", () => {
    for (const code of statusReasonCodes)
      expect(statusReasonCodeOf(statusReasons[code])).toBe(code);
    expect(statusReasonCodeOf(statusReasons.showCancelled)).toBe("showCancelled");
    expect(statusReasonCodeOf("Something else happened.")).toBeNull();
    expect(statusReasonCodeOf(null)).toBeNull();
  });

  it("has a message per code in every language, the English one word for word the stored text", async () => {
    const english = await loadMessages.en();
    for (const code of statusReasonCodes) {
      expect(english.reservationStatus[`code_${code}`]).toBe(statusReasons[code]);
    }
    for (const locale of LOCALES) {
      const messages = await loadMessages[locale]();
      for (const code of statusReasonCodes) {
        expect(messages.reservationStatus[`code_${code}`], `${locale} ${code}`).toBeTruthy();
      }
    }
    const korean = await loadMessages.ko();
    expect(korean.reservationStatus.code_showCancelled).toContain("취소되었습니다");
  });
});
