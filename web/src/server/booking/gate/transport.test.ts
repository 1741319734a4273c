import { describe, expect, it } from "vitest";
import { readCookie, readWorkingToken } from "./transport";

describe("working token transport", () => {
  it("reads the token from the header first, else from its cookie", () => {
    expect(
      readWorkingToken(
        new Headers({ "x-working-token": "from-header", cookie: "ticketping-working-token=c" }),
      ),
    ).toBe("from-header");
    expect(
      readWorkingToken(new Headers({ cookie: "a=1; ticketping-working-token=from-cookie; b=2" })),
    ).toBe("from-cookie");
    expect(
      readWorkingToken(
        new Headers({ authorization: "Bearer from-bearer", cookie: "ticketping-working-token=c" }),
      ),
    ).toBe("from-bearer");
    expect(readWorkingToken(new Headers({ authorization: "Basic abc" }))).toBeNull();
    expect(readWorkingToken(new Headers({ cookie: "a=1" }))).toBeNull();
    expect(readWorkingToken(new Headers({ "x-working-token": "x".repeat(5_000) }))).toBeNull();
  });

  it("reads one cookie exactly by name", () => {
    const headers = new Headers({
      cookie: "next-auth.session-token.0=part; next-auth.session-token=whole",
    });
    expect(readCookie(headers, "next-auth.session-token")).toBe("whole");
    expect(readCookie(new Headers({ cookie: "bad=%E0%A4%A" }), "bad")).toBeNull();
  });
});
