"use client";

import { useTranslations } from "next-intl";
import type { WaitEstimate } from "@ticketping/common/queue/client";
import { waitWords } from "./wait-format";

/** formatWait(estimate): the estimate in the page's language. */
export function useFormatWait(): (estimate: WaitEstimate) => string {
  const t = useTranslations("wait");
  return (estimate) => {
    const words = waitWords(estimate);
    return t(words.key, words.values);
  };
}
