import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "./client-address";
import { trustedProxiesSchema } from "./trusted-proxies";

const trust = (value?: string) => trustedProxiesSchema.parse(value);

describe("clientAddress", () => {
  it("ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(clientAddress({ peer: "203.0.113.9", forwardedFor: "1.2.3.4", trusted: trust() })).toBe(
      "203.0.113.9",
    );
  });

  it("takes the right-most hop behind one trusted proxy, not the client's own entries", () => {
    expect(
      clientAddress({
        peer: "10.0.0.2",
        forwardedFor: "6.6.6.6, 198.51.100.7",
        trusted: trust("1"),
      }),
    ).toBe("198.51.100.7");
  });

  it("walks as many hops as configured, across repeated headers", () => {
    expect(
      clientAddress({
        peer: "10.0.0.2",
        forwardedFor: ["6.6.6.6, 198.51.100.7", "10.0.0.1"],
        trusted: trust("2"),
      }),
    ).toBe("198.51.100.7");
  });

  it("walks trusted networks until the first address outside them", () => {
    const trusted = trust("10.0.0.0/8, ::1");
    expect(
      clientAddress({ peer: "::1", forwardedFor: "6.6.6.6, 198.51.100.7, 10.1.1.1", trusted }),
    ).toBe("198.51.100.7");
    // A peer outside the networks is the client, whatever it claims.
    expect(clientAddress({ peer: "198.51.100.8", forwardedFor: "10.1.1.1", trusted })).toBe(
      "198.51.100.8",
    );
  });

  it("stops at an entry that is not an address", () => {
    expect(
      clientAddress({ peer: "10.0.0.2", forwardedFor: "1.2.3.4, junk", trusted: trust("2") }),
    ).toBe("10.0.0.2");
  });

  it("answers the peer when a trusted proxy sent no header", () => {
    expect(clientAddress({ peer: "10.0.0.2", forwardedFor: null, trusted: trust("1") })).toBe(
      "10.0.0.2",
    );
  });

  it("answers 'unknown' without a peer address", () => {
    expect(clientAddress({ peer: undefined, forwardedFor: "1.2.3.4", trusted: trust("1") })).toBe(
      "unknown",
    );
  });
});

describe("normalizeAddress", () => {
  it("gives one form per client", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:8080")).toBe("192.0.2.1");
    expect(normalizeAddress("evil.example")).toBeUndefined();
  });
});

describe("trustedProxiesSchema", () => {
  it("reads none, hop counts and networks", () => {
    expect(trust().kind).toBe("none");
    expect(trust("0").kind).toBe("none");
    expect(trust("3")).toEqual({ kind: "hops", hops: 3 });
    expect(trust("127.0.0.1/32,::1").kind).toBe("networks");
  });

  it("refuses what is neither", () => {
    expect(trustedProxiesSchema.safeParse("10.0.0.0/33").success).toBe(false);
    expect(trustedProxiesSchema.safeParse("proxy.internal").success).toBe(false);
    expect(trustedProxiesSchema.safeParse("99").success).toBe(false);
  });
});
