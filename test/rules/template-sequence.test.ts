// GE128: fields with a fixed syntax never hold a Terraform template sequence; free text may (it is escaped).
import { validate } from "../../src/rules/engine";
import { validConfig } from "./fixtures";

type Input = ReturnType<typeof validConfig>;

describe("GE128: template sequences in fields with a fixed syntax", () => {
  it.each<[string, string, (c: Input, bad: string) => void]>([
    ["tenant.authority", "The tenant-authority URL", (c, bad) => (c.tenant!.authority = `https://login.microsoftonline.com/${bad}/`)],
    ["tenant.directoryId", "A GUID", (c, bad) => (c.tenant!.directoryId = bad)],
    ["application.clientId", "A GUID", (c, bad) => (c.application!.clientId = bad)],
    ["application.clientSecret.env", "An environment variable name", (c, bad) => (c.application!.clientSecret = { env: bad })],
    ["mailboxes.inbound[0].mailbox", "A login", (c, bad) => (c.mailboxes.inbound[0]!.mailbox = `${bad}@contoso.com`)],
    ["mailboxes.inbound[0].server.host", "A host name", (c, bad) => (c.mailboxes.inbound[0]!.server.host = `imap.${bad}.com`)],
    ["mailboxes.inbound[0].server.path", "A URL path", (c, bad) => (c.mailboxes.inbound[0]!.server = { host: "mail.contoso.com", type: "EWS", path: `/EWS/${bad}` })],
    ["mailboxes.inbound[0].password.env", "An environment variable name", (c, bad) => (c.mailboxes.inbound[0]!.password = { env: bad })],
    ["mailboxes.outbound.mailbox", "A login", (c, bad) => (c.mailboxes.outbound!.mailbox = `agents${bad}@contoso.com`)],
    ["mailboxes.outbound.fromAddress", "An email address", (c, bad) => (c.mailboxes.outbound!.fromAddress = `${bad}@contoso.com`)],
    ["mailboxes.outbound.password.env", "An environment variable name", (c, bad) => (c.mailboxes.outbound!.password = { env: `X${bad}` })],
    ["fromAddresses.addresses[0].name", "An email address", (c, bad) => (c.fromAddresses!.addresses![0]!.name = `${bad}@contoso.com`)],
    ["application.owners[1]", "An owner (object ID or user principal name)", (c, bad) => (c.application!.owners = ["admin@contoso.com", `${bad}@contoso.com`])],
  ])("%s", (path, what, mutate) => {
    for (const [bad, sequence, start] of [
      ['${file("/proc/self/environ")}', "${", "an expression"],
      ["%{ if true }x%{ endif }", "%{", "a directive"],
      ["$${escaped}", "${", "an expression"],
    ] as const) {
      const config = validConfig();
      mutate(config, bad);
      const findings = validate(config).findings.filter((f) => f.ruleId === "GE128");
      expect(findings.map((f) => [f.path, f.severity, f.message])).toEqual([
        [path, "error", `${what} never holds \`${sequence}\`, which Terraform reads as the start of ${start}.`],
      ]);
      // the value itself is never repeated (a secret typed into a variable-name field stays out of logs)
      expect(findings[0]!.message).not.toContain(bad);
    }
  });

  it("names a CDKTF token look-alike", () => {
    const config = validConfig();
    config.mailboxes.inbound[0]!.server.host = "${TfToken[TOKEN.1]}";
    const [finding] = validate(config).findings.filter((f) => f.ruleId === "GE128");
    expect(finding!.message).toBe(
      "A host name never holds `${`, which Terraform reads as the start of an expression. It looks like a CDKTF token: the config holds literal values, never references.",
    );
  });

  it("free text may hold them: display names, the Designer application, the folder", () => {
    const config = validConfig();
    const text = '${file("/etc/passwd")} %{ if true }x%{ endif } ${TfToken[TOKEN.1]}';
    config.application!.displayName = text;
    config.mailboxes.inbound[0]!.designerApplication = text;
    config.fromAddresses!.folder = text;
    config.fromAddresses!.addresses![0]!.displayName = text;
    expect(validate(config).findings.filter((f) => f.ruleId === "GE128")).toEqual([]);
  });

  it("cannot be suppressed", () => {
    const config = validConfig();
    config.mailboxes.inbound[0]!.mailbox = "${x}@contoso.com";
    config.mailboxes.inbound[0]!.suppressions = [{ id: "GE128", reason: "we really want this one" }];
    expect(validate(config).errors.map((f) => f.ruleId)).toEqual(expect.arrayContaining(["GE128", "GE002"]));
  });
});
