import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import ko from "../../messages/ko.json";
import { ApiError } from "./api-client";
import { useErrorText } from "./use-error-text";

function Said({ error }: { error: ApiError }) {
  return createElement("p", null, useErrorText()(error));
}

const said = (locale: "en" | "ko", error: ApiError) =>
  renderToString(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "en" ? en : ko,
      children: createElement(Said, { error }),
    }),
  );

const cancelled = new ApiError(409, "SALE_CLOSED", "This show was cancelled.", {
  reason: "SHOW_CANCELLED",
});
const closed = new ApiError(409, "SALE_CLOSED", "Booking has ended.", undefined);

describe("useErrorText", () => {
  it("says a refusal's reason where it has words, else the code's, in Korean", () => {
    expect(said("ko", cancelled)).toBe(`<p>${ko.errors.reason_SHOW_CANCELLED}</p>`);
    expect(said("ko", closed)).toBe(`<p>${ko.errors.SALE_CLOSED}</p>`);
  });

  it("keeps the server's own message in English", () => {
    expect(said("en", cancelled)).toBe("<p>This show was cancelled.</p>");
  });
});
