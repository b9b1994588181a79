import { psCommentText, psLiteral } from "../../src/manifest/private/powershell";

describe("psLiteral: a single-quoted PowerShell literal, pure ASCII", () => {
  test.each([
    ["plain text", "support@contoso.com", "'support@contoso.com'"],
    ["empty", "", "''"],
    ["a single quote is doubled", "o'neil@contoso.com", "'o''neil@contoso.com'"],
    ["$ and backtick stay literal inside single quotes", "$env:USERNAME `whoami` $(calc)", "'$env:USERNAME `whoami` $(calc)'"],
    ["a quote that tries to close the string and run a command", "x'; Remove-Mailbox -Identity 'ceo", "'x''; Remove-Mailbox -Identity ''ceo'"],
    ["a line break is spelled as [char], never written raw", "a\nb", "('a' + [char]0x000A + 'b')"],
    ["a typographic quote (PowerShell reads it as ') is spelled as [char]", "o\u2019neil", "('o' + [char]0x2019 + 'neil')"],
    ["non-ASCII letters keep the script ASCII", "M\u00fcller", "('M' + [char]0x00FC + 'ller')"],
    ["only control characters", "\u0000", "([char]0x0000)"],
  ])("%s", (_name, value, expected) => {
    expect(psLiteral(value)).toBe(expected);
  });

  test("the output never contains a raw line break or a non-ASCII character", () => {
    const nasty = "a'\u2018\u2019\u201a\u201b\r\n\u2028\u0085\"`$x";
    expect(psLiteral(nasty)).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe("psCommentText", () => {
  test("a line break cannot end the comment and start a command", () => {
    expect(psCommentText("name\nRemove-Mailbox x")).toBe("name\\u000aRemove-Mailbox x");
  });
});
