import { escapeControls, inertLine, quote } from "../../src/text/terminal";

describe("src/text/terminal: server and user text cannot act on a terminal or a log", () => {
  test.each([
    ["an ANSI colour that would dress a failure as a pass", "\u001b[32mPASS\u001b[0m", "\\u001b[32mPASS\\u001b[0m"],
    ["a carriage return that would overwrite the line", "FAIL x\rPASS x", "FAIL x\\u000dPASS x"],
    ["backspaces", "FAIL\b\b\b\bPASS", "FAIL\\u0008\\u0008\\u0008\\u0008PASS"],
    ["a line feed that would forge a line", "refused\nPASS support (IMAP, 5 ms)", "refused\\u000aPASS support (IMAP, 5 ms)"],
    ["NUL, DEL and C1 (CSI)", "a\u0000b\u007fc\u009b31m", "a\\u0000b\\u007fc\\u009b31m"],
    ["bidirectional overrides and line separators", "abc\u202edcba\u2066x\u2028y", "abc\\u202edcba\\u2066x\\u2028y"],
  ])("%s", (_name, input, expected) => {
    expect(escapeControls(input)).toBe(expected);
  });

  test("inertLine bounds the length; ordinary text and non-ASCII letters are kept", () => {
    expect(inertLine("x".repeat(600))).toBe(`${"x".repeat(500)}…`);
    expect(inertLine("Grüße, 日本, tab\tend", 100)).toBe("Grüße, 日本, tab\\u0009end");
    expect(quote("a\nb")).toBe("`a\\u000ab`");
  });
});
