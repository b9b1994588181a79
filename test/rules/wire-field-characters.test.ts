// GE127 covers every value that goes on the wire, whatever other rule also looks at the field.
import { validate } from "../../src/rules/engine";
import { validConfig } from "./fixtures";

type Input = ReturnType<typeof validConfig>;

describe("GE127: CR, LF and NUL in every value sent to a server", () => {
  it.each<[string, (c: Input) => void]>([
    ["tenant.authority", (c) => (c.tenant!.authority = "https://login.microsoftonline.com/\r\nX: y")],
    ["tenant.directoryId", (c) => (c.tenant!.directoryId = "0c5a6b0e-1a2b-4c3d-8e9f-001122334455\n")],
    ["application.clientId", (c) => (c.application!.clientId = "\u00003b0a8f5e-0000-4000-8000-000000000002")],
    ["mailboxes.inbound[0].mailbox", (c) => (c.mailboxes.inbound[0]!.mailbox = "support@contoso.com\r\n")],
    ["mailboxes.inbound[0].server.host", (c) => (c.mailboxes.inbound[0]!.server.host = "outlook.office365.com\n")],
    ["mailboxes.inbound[0].server.path", (c) => (c.mailboxes.inbound[0]!.server = { host: "mail.contoso.com", type: "EWS", path: "/EWS/Exchange.asmx\r\nX-Injected: 1" })],
    ["mailboxes.outbound.fromAddress", (c) => (c.mailboxes.outbound!.fromAddress = "agents@contoso.com\u0000")],
    ["mailboxes.outbound.mailbox", (c) => (c.mailboxes.outbound!.mailbox = "agents@contoso.com\rRSET")],
  ])("%s", (path, mutate) => {
    const config = validConfig();
    mutate(config);
    const findings = validate(config).findings.filter((f) => f.ruleId === "GE127");
    expect(findings.map((f) => [f.path, f.severity])).toEqual([[path, "error"]]);
    expect(findings[0]!.message).not.toMatch(/[\r\n\0]/);
  });
});
