// Redaction of SASL blobs that servers echo: every mechanism, every base64 alignment, any secret length.
import { Redactor } from "../../src/check/redact";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

describe("SASL blobs echoed by a server are redacted whatever the secret's length and alignment", () => {
  // Login lengths 0..5 move the password through every base64 alignment inside the PLAIN blob.
  const logins = ["", "a", "ab", "abc", "abcd", "abcde"];
  const passwords = ["Pw", "Pw5", "Pw5!x", "five5", "ä€x", "a much longer password 123"];

  test.each(passwords)("PLAIN, LOGIN and plain text, password %j", (password) => {
    const r = new Redactor();
    r.add(password);
    for (const login of logins) {
      for (const blob of [b64(`\0${login}\0${password}`), b64(`${login}\0${login}\0${password}`), b64(password)]) {
        for (const [said, expected] of [
          [`-ERR [AUTH] Invalid PLAIN blob ${blob}`, "-ERR [AUTH] Invalid PLAIN blob [redacted]"],
          [`+ ${blob}`, "+ [redacted]"],
          [`535 5.7.8 (${blob}) rejected`, "535 5.7.8 ([redacted]) rejected"],
        ] as const) {
          expect(r.redact(said)).toBe(expected);
        }
      }
    }
  });

  test("a one-character password: every occurrence goes, at the cost of some ordinary text", () => {
    const r = new Redactor();
    r.add("P");
    for (const login of logins) {
      const blob = b64(`\0${login}\0P`);
      const out = r.redact(`-ERR [AUTH] Invalid PLAIN blob ${blob}`);
      expect(out).not.toContain(blob);
      expect(out).not.toContain("P");
    }
  });

  test("a blob glued to other base64 text at any offset still hides nothing", () => {
    const r = new Redactor();
    r.add("Pw5!x");
    for (const glue of ["", "Q", "QU", "QUJ", "QUJD"]) {
      const out = r.redact(`NO ${glue}${b64("\0alice\0Pw5!x")}`);
      expect(out).toBe("NO [redacted]");
    }
  });

  test("XOAUTH2 and OAUTHBEARER blobs are redacted by their shape, even for a token the check does not hold", () => {
    const r = new Redactor();
    for (const blob of [b64("user=alice@example.test\x01auth=Bearer abc\x01\x01"), b64("n,a=alice@example.test,\x01auth=Bearer abc\x01\x01")]) {
      expect(r.redact(`-ERR ${blob}`)).toBe("-ERR [redacted]");
    }
  });

  test("URL, form and JSON encodings of a short secret", () => {
    const r = new Redactor();
    r.add('a b"c');
    expect(r.redact("password=a%20b%22c&x")).toBe("password=[redacted]&x");
    expect(r.redact("password=a+b%22c&x")).toBe("password=[redacted]&x");
    expect(r.redact('{"password":"a b\\"c"}')).toBe('{"password":"[redacted]"}');
  });

  test("ordinary server text and error codes are left alone", () => {
    const r = new Redactor();
    r.add("Pw5!x");
    const text = "AADSTS50126: Error validating credentials. -ERR [AUTH] Authentication failed. 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6";
    expect(r.redact(text)).toBe(text);
  });
});
