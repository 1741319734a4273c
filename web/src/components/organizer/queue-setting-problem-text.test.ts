import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { queueLimits } from "../../server/admin/limits";
import {
  findQueueSettingProblem,
  type QueueSettingName,
} from "../../server/admin/queue-setting-problem";
import { loadMessages } from "../../i18n/messages";
import { queueSettingProblemText } from "./queue-setting-problem-text";

const translator = async (locale: "en" | "ko") =>
  createTranslator({
    locale,
    messages: await loadMessages[locale](),
    namespace: "organizer.queue",
  });

/** Values breaking each rule of each setting, and one that breaks none. */
const samples = (name: QueueSettingName) => [
  null,
  Number.NaN,
  queueLimits[name].min - 1,
  queueLimits[name].max + 1,
  queueLimits[name].min + 0.5,
  queueLimits[name].min,
];

describe("the queue settings form's words", () => {
  it("in English are exactly the words the API refuses with", async () => {
    const t = await translator("en");
    for (const name of Object.keys(queueLimits) as QueueSettingName[]) {
      for (const value of samples(name)) {
        expect(queueSettingProblemText(t, name, value), `${name} ${value}`).toBe(
          findQueueSettingProblem(name, value),
        );
      }
    }
  });

  it("in Korean say the setting's own unit", async () => {
    const t = await translator("ko");
    expect(queueSettingProblemText(t, "maxActive", 0)).toBe("1명 이상이어야 합니다.");
    expect(queueSettingProblemText(t, "tokenTtlSeconds", 100_000)).toBe(
      "86,400초 이하여야 합니다.",
    );
    expect(queueSettingProblemText(t, "maxActive", 1.5)).toBe("인원은 정수로 입력해 주세요.");
    expect(queueSettingProblemText(t, "maxActive", 10)).toBeNull();
  });
});
