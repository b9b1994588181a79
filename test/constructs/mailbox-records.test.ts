import { DataResource } from "cdktf";
import { config, graph, imap, smtp, synth, type TerraformJson } from "./helpers";

function records(json: TerraformJson): Record<string, Record<string, unknown>> {
  return json.resource?.terraform_data ?? {};
}

function addressOf(json: TerraformJson, mailboxName: string): string {
  const found = Object.entries(records(json)).filter(([, r]) => (r.input as { name?: string }).name === mailboxName);
  if (found.length !== 1) throw new Error(`expected one record for ${mailboxName}, found ${found.length}`);
  return `terraform_data.${found[0]![0]}`;
}

describe("MailboxRecords: mailboxes and From addresses in Terraform state", () => {
  test("each inbound mailbox, the outbound mailbox and the From-address folder hold their non-secret definition", () => {
    // GIVEN
    const input = config(
      [imap("support", { maxSizeMb: 10, designerApplication: "Support Email" }), graph("billing")],
      smtp(),
      { fromAddresses: { folder: "Email Addresses", addresses: [{ name: "support@contoso.com", displayName: "Contoso Support" }, { name: "billing@contoso.com", displayName: "Contoso Billing" }] } },
    );

    // WHEN
    const { text, json } = synth(input);

    // THEN
    expect(text).toHaveResourceWithProperties(DataResource, {
      input: {
        name: "support",
        direction: "inbound",
        mailbox: "support@contoso.com",
        server: { host: "outlook.office365.com", port: 993, type: "IMAP", tls: "implicit" },
        auth: "oauth2",
        maxSizeMb: 10,
        testMailbox: true,
        designerApplication: "Support Email",
        password: { env: "SUPPORT_PASSWORD" },
      },
      triggers_replace: { name: "support" },
    });
    expect(text).toHaveResourceWithProperties(DataResource, {
      input: {
        name: "billing",
        direction: "inbound",
        mailbox: "billing@contoso.com",
        server: { host: "graph.microsoft.com", port: 443, type: "GRAPH", tls: "implicit" },
        auth: "oauth2",
        maxSizeMb: 5,
        testMailbox: false,
      },
      triggers_replace: { name: "billing" },
    });
    expect(text).toHaveResourceWithProperties(DataResource, {
      input: {
        name: "smtp-client",
        direction: "outbound",
        mailbox: "agents@contoso.com",
        fromAddress: "agents@contoso.com",
        server: { host: "smtp.office365.com", port: 587, type: "SMTP", tls: "starttls" },
        auth: "oauth2",
        testMailbox: false,
        password: { env: "OUTBOUND_MAILBOX_PASSWORD" },
      },
      triggers_replace: { name: "smtp-client" },
    });
    // From addresses sorted by name
    expect(text).toHaveResourceWithProperties(DataResource, {
      input: {
        folder: "Email Addresses",
        addresses: [
          { name: "billing@contoso.com", displayName: "Contoso Billing" },
          { name: "support@contoso.com", displayName: "Contoso Support" },
        ],
      },
    });
    expect(Object.keys(records(json))).toHaveLength(4);
    // the mailboxes output carries the same definitions, keyed by name
    const output = json.output?.mailboxes?.value as { inbound: Record<string, unknown>; outbound: unknown };
    expect(Object.keys(output.inbound)).toEqual(["billing", "support"]);
    expect(output.inbound.support).toEqual(Object.values(records(json)).find((r) => (r.input as { name: string }).name === "support")?.input);
  });

  test("renaming an inbound mailbox changes its Terraform address and its triggers_replace (a replace)", () => {
    // GIVEN
    const before = synth(config([imap("support"), imap("sales")])).json;

    // WHEN
    const after = synth(config([imap("support2", { mailbox: "support@contoso.com", password: { env: "SUPPORT_PASSWORD" } }), imap("sales")])).json;

    // THEN
    const oldAddress = addressOf(before, "support");
    const newAddress = addressOf(after, "support2");
    expect(newAddress).not.toBe(oldAddress);
    expect(Object.keys(records(after))).not.toContain(oldAddress.replace("terraform_data.", ""));
    expect(records(after)[newAddress.replace("terraform_data.", "")]?.triggers_replace).toEqual({ name: "support2" });
    // the untouched mailbox keeps its address
    expect(addressOf(after, "sales")).toBe(addressOf(before, "sales"));
  });

  test("changing a field keeps the address: an in-place update of input", () => {
    const before = synth(config([imap("support", { maxSizeMb: 5 })])).json;
    const after = synth(config([imap("support", { maxSizeMb: 10 })])).json;
    const address = addressOf(before, "support");
    expect(addressOf(after, "support")).toBe(address);
    const key = address.replace("terraform_data.", "");
    expect((records(before)[key]!.input as { maxSizeMb: number }).maxSizeMb).toBe(5);
    expect((records(after)[key]!.input as { maxSizeMb: number }).maxSizeMb).toBe(10);
    expect(records(after)[key]!.triggers_replace).toEqual(records(before)[key]!.triggers_replace);
  });

  test("the order of mailboxes in the file does not change the output", () => {
    const a = synth(config([imap("support"), imap("sales"), graph("billing")], smtp())).text;
    const b = synth(config([imap("support"), graph("billing"), imap("sales")], smtp())).text;
    expect(b).toBe(a);
  });

  test("no From addresses, no folder record", () => {
    const { json } = synth(config([imap("support")]));
    expect(Object.values(records(json)).map((r) => (r.input as { name?: string }).name)).toEqual(["support"]);
  });
});
