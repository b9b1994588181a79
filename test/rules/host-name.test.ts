import { isValidHost } from "../../src/rules/GE109-host-name";

// GE109's host check on its own: IP addresses of both families, host names, and what is neither.
describe("isValidHost", () => {
  test.each(["127.0.0.1", "10.0.0.255", "::1", "fe80::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.1", "outlook.office365.com", "mail", "smtp-1.example.org.", "1.2.3"])(
    "accepts %s",
    (host) => expect(isValidHost(host)).toBe(true),
  );

  test.each(["", ".", "256.1.1.1:25", "[::1]", "::1::2", "https://outlook.office365.com", "outlook.office365.com:993", "mail server", "-bad.example.com", "a..b", `${"a".repeat(64)}.com`])(
    "refuses %j",
    (host) => expect(isValidHost(host)).toBe(false),
  );
});
