import { config, ews, graph, imap, onlyResource, resources, signInAssignments, smtp, synth, type TerraformJson } from "./helpers";

// Written out literally so a constant's mistake fails here.
const DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";
const OWNER_ID = "7d2c9f1e-4b3a-4c5d-8e6f-0a1b2c3d4e5f";

/**
 * A realistic contact center: IMAP and EWS over OAuth 2.0, a GRAPH mailbox (client credentials), a basic-auth
 * mailbox on another server, and SMTP outbound on the EWS mailbox's account (one login, two mailboxes).
 */
const multiProtocol = (application: Record<string, unknown> = {}) =>
  config(
    [
      imap("support"),
      ews("sales"),
      graph("billing"),
      imap("legacy", { server: { host: "mail.contoso.com", port: 993, type: "IMAP" }, auth: "basic" }),
    ],
    smtp({ mailbox: "Sales@contoso.com", fromAddress: "sales@contoso.com" }),
    { application },
  );

/** The user principal name a `${data.azuread_user.<name>.object_id}` reference looks up. */
const userOf = (json: TerraformJson, reference: string) => json.data?.azuread_user?.[/^\$\{data\.azuread_user\.([^.]+)\.object_id\}$/.exec(reference)?.[1] ?? ""]?.user_principal_name;

const ref = (type: string, attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{${type.replace(".", "\\.")}\\.[^.]+\\.${attribute}\\}$`));

describe("day two: protection, owners and who may sign in", () => {
  test("a multi-protocol config: prevent_destroy and owners on app and service principal, assignment required with one assignment per password-flow account", () => {
    // WHEN
    const { json } = synth(multiProtocol({ owners: [OWNER_ID, "admin@contoso.com"] }));

    // THEN: neither the app nor its service principal can be destroyed by a plan
    const app = onlyResource(json, "azuread_application");
    const sp = onlyResource(json, "azuread_service_principal");
    expect(app.lifecycle).toEqual({ prevent_destroy: true });
    expect(sp.lifecycle).toEqual({ prevent_destroy: true });
    // owners: the object ID as it is, the UPN looked up
    expect(app.owners).toEqual([OWNER_ID, ref("data.azuread_user", "object_id")]);
    expect(sp.owners).toEqual(app.owners);
    expect(userOf(json, (app.owners as string[])[1]!)).toBe("admin@contoso.com");
    expect(json.data?.azuread_client_config).toBeUndefined();
    // only the mailbox accounts may sign in: IMAP, EWS and SMTP (one account, two mailboxes); not GRAPH, not basic auth
    expect(sp.app_role_assignment_required).toBe(true);
    expect(signInAssignments(json)).toEqual(["sales@contoso.com", "support@contoso.com"]);
    for (const a of resources(json, "azuread_app_role_assignment").filter((r) => r.app_role_id === DEFAULT_ACCESS)) {
      expect(a).toEqual({ app_role_id: DEFAULT_ACCESS, principal_object_id: ref("data.azuread_user", "object_id"), resource_object_id: ref("azuread_service_principal", "object_id") });
    }
    expect(Object.values(json.data?.azuread_user ?? {})).toEqual([
      { user_principal_name: "admin@contoso.com" },
      { user_principal_name: "sales@contoso.com" },
      { user_principal_name: "support@contoso.com" },
    ]);
    // the service principal's object ID is an output, for exchange-setup.ps1
    expect(json.output?.service_principal_object_id).toEqual({
      value: ref("azuread_service_principal", "object_id"),
      description: "Object ID of the app's service principal (Enterprise application), for exchange-setup.ps1 (RBAC for Applications).",
    });
  });

  test("without owners, the identity running Terraform owns the app and its service principal", () => {
    const { json } = synth(multiProtocol());
    const owner = ref("data.azuread_client_config", "object_id");
    expect(onlyResource(json, "azuread_application").owners).toEqual([owner]);
    expect(onlyResource(json, "azuread_service_principal").owners).toEqual([owner]);
    expect(Object.values(json.data?.azuread_client_config ?? {})).toEqual([{}]);
  });

  test("a UPN that is an owner and a mailbox account is looked up once", () => {
    const { json } = synth(multiProtocol({ owners: ["SUPPORT@contoso.com"] }));
    expect(Object.values(json.data?.azuread_user ?? {}).map((u) => u.user_principal_name).sort()).toEqual(["SUPPORT@contoso.com", "sales@contoso.com"]);
    expect(signInAssignments(json)).toEqual(["SUPPORT@contoso.com", "sales@contoso.com"]);
  });

  test("preventDestroy: false (a sandbox) drops the lifecycle block and nothing else", () => {
    const protectedJson = synth(multiProtocol()).json;
    const { json } = synth(multiProtocol({ preventDestroy: false }));
    expect(onlyResource(json, "azuread_application")).not.toHaveProperty("lifecycle");
    expect(onlyResource(json, "azuread_service_principal")).not.toHaveProperty("lifecycle");
    const { lifecycle: _a, ...app } = onlyResource(protectedJson, "azuread_application");
    expect(onlyResource(json, "azuread_application")).toEqual(app);
  });

  test("assignmentRequired: false: any account may sign in, so no account is assigned (GE211 warns)", () => {
    const { json } = synth(multiProtocol({ assignmentRequired: false }));
    expect(onlyResource(json, "azuread_service_principal").app_role_assignment_required).toBe(false);
    expect(signInAssignments(json)).toEqual([]);
    expect(json.data?.azuread_user).toBeUndefined();
  });

  test("bring your own app: neither owners, protection nor assignments are managed (its service principal is not)", () => {
    const { json } = synth(
      multiProtocol({ clientId: "5f0c7d9e-3b1a-4e2f-9c8d-7a6b5c4d3e2f", clientSecret: { env: "GRAPH_CLIENT_SECRET" }, owners: ["admin@contoso.com"] }),
    );
    expect(resources(json, "azuread_application")).toEqual([]);
    expect(signInAssignments(json)).toEqual([]);
    expect(json.data?.azuread_user).toBeUndefined();
    expect(json.output?.service_principal_object_id?.value).toEqual(ref("data.azuread_service_principal", "object_id"));
  });
});
