import { TerraformStack, Testing } from "cdktf";
import { ApplicationApiAccess } from "@cdktf/provider-azuread/lib/application-api-access";
import { AppRoleAssignment } from "@cdktf/provider-azuread/lib/app-role-assignment";
import { DataAzureadApplication } from "@cdktf/provider-azuread/lib/data-azuread-application";
import { AzureadProvider } from "@cdktf/provider-azuread/lib/provider";
import { GenesysEmail } from "../../constructs/genesys-email";
import { GenesysEmailStack } from "../../constructs/genesys-email-stack";
import { GenesysEmailConfigError } from "../../constructs/errors";
import { loadConfigFile } from "../../src/config/load";
import { validate } from "../../src/rules/engine";
import { textReport } from "../../src/rules/report";
import type { EditableConfig } from "../rules/fixtures";
import { ExchangeOAuthApplication } from "../../constructs/exchange-oauth-application";
import { requiredPermissions } from "../../src/permissions/required-permissions";
import { annotations, config, consents, ews, graph, imap, pop3, resources, smtp, stackOf, synth, TENANT } from "./helpers";
import { testApp } from "../support/test-app";

const EXO = "00000002-0000-0ff1-ce00-000000000000";
const GRAPH = "00000003-0000-0000-c000-000000000000";
const EXISTING_APP = "11111111-2222-4333-8444-555555555555";

describe("GenesysEmail", () => {
  test("one line in a user's own stack", () => {
    // GIVEN
    const stack = new TerraformStack(testApp(), "mine");

    // WHEN
    const email = new GenesysEmail(stack, "email", { config: config([imap("support")], smtp()) });

    // THEN
    expect(email.config.mailboxes.inbound[0]?.maxSizeMb).toBe(5);
    expect(email.application).toBeInstanceOf(ExchangeOAuthApplication);
    expect(email.permissions.publicClient).toBe(true);
    expect(Object.keys(email.mailboxes.inbound)).toEqual(["support"]);
    expect(Object.keys(email.outputs).sort()).toEqual(["clientId", "mailboxes", "servicePrincipalObjectId", "tenantId"]);
    expect(email.migrationRequest.files.map((f) => f.name)).toEqual(["migration-request.json", "migration-request.md", "pre-migration.md", "exchange-setup.ps1"]);
    expect(Testing.synth(stack, true)).toHaveProvider(AzureadProvider);
  });

  test("uses a provider the stack already has instead of adding one", () => {
    const stack = new TerraformStack(testApp(), "mine");
    new AzureadProvider(stack, "azuread", { tenantId: TENANT, useCli: true });
    new GenesysEmail(stack, "email", { config: config([imap("support")]) });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.provider.azuread).toEqual([{ tenant_id: TENANT, use_cli: true }]);
  });

  test("a second GenesysEmail in one stack fails synth (outputs have fixed names)", () => {
    const stack = new TerraformStack(testApp(), "mine");
    new GenesysEmail(stack, "a", { config: config([imap("support")]) });
    new GenesysEmail(stack, "b", { config: config([imap("sales")]) });
    expect(() => Testing.synth(stack, true)).toThrow(/A stack holds one GenesysEmail; mine\/a is already in mine/);
  });

  describe("bring your own app", () => {
    test("manages only API access and consent of the existing registration", () => {
      // GIVEN
      const input = config([imap("support"), graph("billing")], smtp(), { application: { clientId: EXISTING_APP } });

      // WHEN
      const { text, json } = synth(input);

      // THEN: nothing created, the app looked up by client ID
      expect(resources(json, "azuread_application")).toHaveLength(0);
      expect(resources(json, "azuread_service_principal")).toHaveLength(0);
      expect(resources(json, "azuread_application_password")).toHaveLength(0);
      expect(text).toHaveDataSourceWithProperties(DataAzureadApplication, { client_id: EXISTING_APP });
      const sps = Object.values(json.data?.azuread_service_principal ?? {}).map((d) => d.client_id).sort();
      expect(sps).toEqual([EXO, GRAPH, EXISTING_APP].sort());
      // API access per resource, each GUID under its own resource
      const access = resources(json, "azuread_application_api_access").map((a) => ({ api: a.api_client_id, scopes: a.scope_ids, roles: a.role_ids }));
      expect(access).toEqual(
        expect.arrayContaining([
          {
            api: EXO,
            scopes: ["195adc35-e27b-454b-a7ed-1ecdffa1c09f", "76faac2a-0f20-42f1-928a-50de5b9dbe52", "6223a6d3-53ef-4f8f-982a-895b39483c61"],
            roles: undefined,
          },
          { api: GRAPH, scopes: undefined, roles: ["e2a3a72e-5f79-4c64-b1b1-878b674786c9", "b633e1c5-b582-4048-a93e-9f11b44c7e96"] },
        ]),
      );
      expect(access).toHaveLength(2);
      expect(text).toHaveResourceWithProperties(ApplicationApiAccess, { application_id: expect.stringMatching(/^\$\{data\.azuread_application\.[^.]+\.id\}$/) });
      // consent for the existing app's service principal
      expect(consents(json)).toEqual({
        grants: [`${EXO}: IMAP.AccessAsUser.All SMTP.Send User.Read`],
        roles: [`${GRAPH} b633e1c5-b582-4048-a93e-9f11b44c7e96`, `${GRAPH} e2a3a72e-5f79-4c64-b1b1-878b674786c9`],
      });
      expect(text).toHaveResourceWithProperties(AppRoleAssignment, {
        principal_object_id: expect.stringMatching(/^\$\{data\.azuread_service_principal\.[^.]*service-principal[^.]*\.object_id\}$/),
      });
      expect(json.output?.client_id?.value).toBe(EXISTING_APP);
      expect(json.output).not.toHaveProperty("client_secret");
    });

    test("says what it cannot manage on the existing app", () => {
      const stack = stackOf(config([imap("support"), graph("billing")], undefined, { application: { clientId: EXISTING_APP } }));
      expect(annotations(stack)).toEqual([
        "info application.clientId: the existing app must allow public client flows (fallback_public_client_enabled) for the password flow; it is not managed here.",
        "info application.clientId: no client secret is created for an existing app; GRAPH mailboxes use the one named by application.clientSecret.",
      ]);
    });
  });

  describe("rules", () => {
    test("a config that breaks rules throws one GenesysEmailConfigError with every finding, printed as validate prints them", () => {
      // GIVEN: three errors in two mailboxes, and a warning
      const input = config([imap("support", { maxSizeMb: 30 }), imap("badname", { name: "bad name", maxSizeMb: 4 }), ews("legacy")]);
      const stack = new TerraformStack(testApp(), "cc");

      // WHEN
      let error: unknown;
      try {
        new GenesysEmail(stack, "email", { config: input });
      } catch (e) {
        error = e;
      }

      // THEN: one error, every finding as data, the message exactly validate's text output
      expect(error).toBeInstanceOf(GenesysEmailConfigError);
      const e = error as GenesysEmailConfigError;
      expect(e.name).toBe("GenesysEmailConfigError");
      expect(e.findings.map((f) => `${f.severity} ${f.ruleId} ${f.path}`)).toEqual([
        "error GE105 mailboxes.inbound[0].maxSizeMb",
        "error GE101 mailboxes.inbound[1].name",
        "error GE105 mailboxes.inbound[1].maxSizeMb",
        "warning GE202 mailboxes.inbound[2].server.type",
      ]);
      expect(e.errors).toHaveLength(3);
      expect(e.warnings).toHaveLength(1);
      expect(e.message).toBe(textReport(validate(input).findings, { file: "cc/email" }));
      expect(e.message.split("\n")[0]).toBe(
        "ERROR GE105 mailboxes.inbound[0].maxSizeMb Max size must be a whole number of MB from 5 to 20; 30 is above 20. (fix: set maxSizeMb to a whole number from 5 to 20 (default 5))",
      );
      expect(e.message.split("\n").at(-1)).toBe("cc/email: 3 errors, 1 warning");
      // nothing half-built: the construct never joined the stack
      expect(stack.node.children).toHaveLength(0);
    });

    test("with a source, findings name the file and position, and the summary names the file and environment", () => {
      const loaded = loadConfigFile("examples/contact-center.yaml");
      const data = structuredClone(loaded.data) as EditableConfig;
      data.mailboxes.inbound![0]!.maxSizeMb = 99;
      const error = (() => {
        try {
          new GenesysEmailStack(testApp(), "prod", { config: data, source: { file: "contact-center.yaml", locate: loaded.locate }, environment: "prod" });
        } catch (e) {
          return e as GenesysEmailConfigError;
        }
        throw new Error("no error");
      })();
      const lines = error.message.split("\n");
      expect(lines[0]).toMatch(/^ERROR GE105 mailboxes\.inbound\[0\]\.maxSizeMb Max size must be a whole number of MB from 5 to 20; 99 is above 20\./);
      expect(lines[1]).toMatch(/^  at examples\/contact-center\.yaml:\d+:\d+ \(environment prod\)$/);
      expect(lines.at(-1)).toMatch(/^contact-center\.yaml: 1 error, \d+ warnings? \(environment prod\)$/);
    });

    test("an invalid config adds no stack to the app", () => {
      const app = testApp();
      expect(() => new GenesysEmailStack(app, "cc", { config: config([imap("support", { maxSizeMb: 30 })]) })).toThrow(GenesysEmailConfigError);
      expect(app.node.children.filter((c) => c instanceof TerraformStack)).toHaveLength(0);
    });

    test("a config of the wrong shape throws with GE001 and the note validate prints about rules that could not run", () => {
      const input = { ...config([imap("support", { maxSizeMb: "5" as never })]), mailboxs: {} } as unknown as Parameters<typeof synth>[0];
      expect(() => synth(input)).toThrow(
        /^ERROR GE001 mailboxes\.inbound\[0\]\.maxSizeMb maxSizeMb must be a number; text given\..*\nERROR GE001 mailboxs Unknown field `mailboxs`\. \(fix: did you mean mailboxes\?.*\n1 rule \(GE105\) did not run: a field it reads is malformed \(see the GE001 findings above\)\. Fix those and validate again\.\ntest: 2 errors, 0 warnings$/s,
      );
    });

    test("warnings become annotations and do not block synth", () => {
      const stack = stackOf(config([ews("support")]));
      expect(() => synth(stack)).not.toThrow();
      expect(annotations(stack)).toEqual([
        expect.stringMatching(/^warn GE202 mailboxes\.inbound\[0\]\.server\.type: EWS against Exchange Online is blocked .* 2027-04-01: \d+ days? remains?\. \(fix: move the mailbox to GRAPH/),
      ]);
    });

    test("a suppressed warning does not appear", () => {
      const stack = stackOf(config([ews("support", { suppressions: [{ id: "GE202", reason: "GRAPH migration planned for Q3" }] })]));
      expect(() => synth(stack)).not.toThrow();
      expect(annotations(stack)).toEqual([]);
      expect(stack.email.validation.suppressed.map((s) => `${s.ruleId} ${s.reason}`)).toEqual(["GE202 GRAPH migration planned for Q3"]);
    });

    test("a top-level suppression silences the rule everywhere", () => {
      const stack = stackOf(config([ews("support"), ews("sales")], undefined, { suppressions: [{ id: "GE202", reason: "GRAPH migration planned for Q3" }] }));
      synth(stack);
      expect(annotations(stack)).toEqual([]);
    });

    test.each([
      ["an empty reason", ""],
      ["a too short reason", "because"],
    ])("an error cannot be suppressed with %s", (_what, reason) => {
      // GIVEN: POP3 over OAuth (GE113, an error) "suppressed" without a real reason
      const input = config([imap("support"), pop3("legacy", { suppressions: [{ id: "GE113", reason }] })]);

      // WHEN / THEN: both the original error and the bad suppression are reported
      expect(() => stackOf(input)).toThrow(/ERROR GE113 mailboxes\.inbound\[1\]\.server\.type OAuth 2\.0 over POP3 is not supported/);
      expect(() => stackOf(input)).toThrow(/ERROR GE002 mailboxes\.inbound\[1\]\.suppressions\[0\]\.reason Suppression of GE113 needs a reason of at least 10 characters\./);
    });

    test("an error guarding correctness cannot be suppressed at all", () => {
      const input = config([imap("support")], undefined, { tenant: {}, suppressions: [{ id: "GE114", reason: "The tenant ID is added by the pipeline" }] });
      expect(() => stackOf(input)).toThrow(/ERROR GE002 suppressions\[0\]\.id Rule GE114 \(directory-id\) cannot be suppressed/);
      expect(() => stackOf(input)).toThrow(/ERROR GE114 tenant\.directoryId A Directory \(tenant\) ID is required/);
    });

    test("a suppressed error (with a reason) lets synth through", () => {
      const input = config([imap("support"), pop3("legacy", { suppressions: [{ id: "GE113", reason: "Tested with the vendor for this tenant" }] })]);
      expect(() => synth(input)).not.toThrow();
    });
  });
});

describe("ExchangeOAuthApplication props", () => {
  const permissions = requiredPermissions({ mailboxes: { inbound: [{ ...imap("s"), auth: "oauth2", maxSizeMb: 5, testMailbox: true } as never] }, application: {} as never });

  test.each([0, 731, 1.5])("clientSecretLifetimeDays %p is rejected at once", (days) => {
    const stack = new TerraformStack(testApp(), "s");
    expect(() => new ExchangeOAuthApplication(stack, "app", { permissions, clientSecretLifetimeDays: days })).toThrow(
      `clientSecretLifetimeDays must be a whole number of days from 1 to 730; ${days} given.`,
    );
  });

  test("existingClientId must be a GUID", () => {
    const stack = new TerraformStack(testApp(), "s");
    expect(() => new ExchangeOAuthApplication(stack, "app", { permissions, existingClientId: "my-app" })).toThrow(
      'existingClientId must be an application (client) ID, a GUID; "my-app" given.',
    );
  });

  test("defaults: multi-tenant, genesys-email-oauth", () => {
    const stack = new TerraformStack(testApp(), "s");
    new ExchangeOAuthApplication(stack, "app", { permissions });
    const app = Object.values(JSON.parse(Testing.synth(stack)).resource.azuread_application)[0];
    expect(app).toEqual(expect.objectContaining({ display_name: "genesys-email-oauth", sign_in_audience: "AzureADMultipleOrgs", fallback_public_client_enabled: true }));
  });
});
