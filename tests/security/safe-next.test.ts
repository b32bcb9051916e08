import { describe, expect, it } from "vitest";
import { safeNextPath } from "../../src/lib/safe-next";

const ORIGIN = "https://rooms.example.org";

describe("[SEC-6] after sign-in, only paths on this site are followed", () => {
  it("[SEC-6] tricks that a browser resolves to another host go home instead", () => {
    const tricks = [
      "/\\evil.com",
      "/\t/evil.com",
      "/\n/evil.com",
      "/\r/evil.com",
      "//evil.com",
      "\\\\evil.com",
      "/\\/evil.com",
      "https://evil.com",
      "http:evil.com",
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " /evil",
      "\u0000/evil",
      "/.//evil.com",
      "/..//evil.com",
      "/x/..//evil.com",
      "evil.com",
      "",
      `/${"a".repeat(5000)}`,
    ];
    for (const trick of tricks) expect(safeNextPath(trick, ORIGIN), JSON.stringify(trick)).toBe("/");
  });

  it("[SEC-6] whatever comes back resolves on our origin", () => {
    const inputs = ["/%2F%2Fevil.com", "/%5Cevil.com", "/rooms/abc?x=//evil.com#//evil.com", "/@evil.com"];
    for (const input of inputs) {
      const path = safeNextPath(input, ORIGIN);
      expect(new URL(path, ORIGIN).origin, input).toBe(ORIGIN);
      expect(path.startsWith("//") || path.startsWith("/\\"), input).toBe(false);
    }
    expect(safeNextPath("/%2F%2Fevil.com", ORIGIN)).toBe("/%2F%2Fevil.com");
  });

  it("[SEC-6] ordinary paths, queries and hashes are kept", () => {
    expect(safeNextPath("/rooms/abc", ORIGIN)).toBe("/rooms/abc");
    expect(safeNextPath("/rooms/schedule?day=mon#top", ORIGIN)).toBe("/rooms/schedule?day=mon#top");
    expect(safeNextPath("/u/ada", ORIGIN)).toBe("/u/ada");
    expect(safeNextPath(undefined, ORIGIN)).toBe("/");
    expect(safeNextPath(null, ORIGIN)).toBe("/");
  });
});
