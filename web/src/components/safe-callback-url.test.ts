import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackUrl("/my-tickets")).toBe("/my-tickets");
    expect(safeCallbackUrl(["/organizer", "/x"])).toBe("/organizer");
  });

  it("refuses anything that could leave the site", () => {
    for (const url of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
    ]) {
      expect(safeCallbackUrl(url)).toBe("/performances");
    }
    expect(safeCallbackUrl(undefined)).toBe("/performances");
  });
});
