import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { useHydrated } from "./use-hydrated";

function SaveButton() {
  const hydrated = useHydrated();
  return createElement("button", { type: "button", disabled: !hydrated }, "Save");
}

describe("useHydrated", () => {
  it("is false in the server's HTML, so a control gated on it arrives disabled", () => {
    expect(renderToString(createElement(SaveButton))).toBe(
      '<button type="button" disabled="">Save</button>',
    );
  });
});
