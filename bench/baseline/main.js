"use strict";
// The hand-written CDKTF baseline: what a person would write without genesys-email, with the
// provider classes imported by deep path (as genesys-email does). It declares the same azuread
// resources, the same per-mailbox terraform_data objects and the same outputs, one stack per
// environment, and synthesizes with app.synth(). No YAML, no validation, no migration request.
//
// terraform_data: CDKTF's DataResource runs `terraform version` for every instance at synth
// (~0.2 s each), so a careful hand-written program declares terraform_data with a small
// TerraformResource subclass and checks the Terraform version once, as genesys-email does.
// `--data-resource` uses DataResource instead (the naive program), to show that cost.
//
//   node bench/baseline/main.js <spec.json> <outDir> [--data-resource]   (spec: bench/baseline/spec.js)
const fs = require("node:fs");
const { AnyMap, App, DataResource, Fn, LocalBackend, Op, TerraformOutput, TerraformResource, TerraformStack, Token, anyToTerraform, hashMapper, ref } = require("cdktf");
const { ValidateTerraformVersion } = require("cdktf/lib/validations/validate-terraform-version");
const { Construct } = require("constructs");
const { AzureadProvider } = require("@cdktf/provider-azuread/lib/provider");
const { Application } = require("@cdktf/provider-azuread/lib/application");
const { ApplicationPasswordA } = require("@cdktf/provider-azuread/lib/application-password");
const { AppRoleAssignment } = require("@cdktf/provider-azuread/lib/app-role-assignment");
const { TimeProvider } = require("@cdktf/provider-time/lib/provider");
const { Rotating } = require("@cdktf/provider-time/lib/rotating");

// timecmp(a, b) > -1: a is not before b (CDKTF 0.21 renders Op.gte(x, 0) as ">= undefined").
const notBefore = (a, b) => Op.gt(Fn.timecmp(a, b), -1);
const { DataAzureadClientConfig } = require("@cdktf/provider-azuread/lib/data-azuread-client-config");
const { DataAzureadServicePrincipal } = require("@cdktf/provider-azuread/lib/data-azuread-service-principal");
const { DataAzureadUser } = require("@cdktf/provider-azuread/lib/data-azuread-user");
const { ServicePrincipal } = require("@cdktf/provider-azuread/lib/service-principal");
const { ServicePrincipalDelegatedPermissionGrant } = require("@cdktf/provider-azuread/lib/service-principal-delegated-permission-grant");

class TerraformData extends TerraformResource {
  constructor(scope, id, config) {
    super(scope, id, { terraformResourceType: "terraform_data", terraformGeneratorMetadata: { providerName: "terraform" } });
    this.config = config;
    this.output = new AnyMap(this, "output");
  }
  synthesizeAttributes() {
    return { input: hashMapper(anyToTerraform)(this.config.input), triggers_replace: hashMapper(anyToTerraform)(this.config.triggersReplace) };
  }
}

function declare(app, s, Data, checkVersion) {
  const stack = new TerraformStack(app, s.name);
  if (checkVersion) stack.node.addValidation(new ValidateTerraformVersion(">=1.4", "terraform_data needs Terraform 1.4 or later."));
  new LocalBackend(stack, { path: `terraform.${s.name}.tfstate` });
  const email = new Construct(stack, "email");
  new AzureadProvider(email, "azuread", s.tenantId ? { tenantId: s.tenantId } : {});
  const scope = new Construct(email, "application");
  const lifecycle = s.preventDestroy ? { lifecycle: { preventDestroy: true } } : {};
  const owners = [new DataAzureadClientConfig(scope, "client-config", {}).objectId];
  const application = new Application(scope, "application", {
    displayName: s.displayName,
    signInAudience: s.signInAudience,
    ...(s.publicClient ? { fallbackPublicClientEnabled: true } : {}),
    owners,
    requiredResourceAccess: s.resources.map((r) => ({ resourceAppId: r.appId, resourceAccess: r.access.map((p) => ({ id: p.id, type: p.type })) })),
    ...lifecycle,
  });
  const sp = new ServicePrincipal(scope, "service-principal", { clientId: application.clientId, appRoleAssignmentRequired: s.assignmentRequired, owners, ...lifecycle });
  for (const u of s.signInUsers) {
    const user = new DataAzureadUser(scope, `user-${u.slug}`, { userPrincipalName: u.upn });
    new AppRoleAssignment(scope, `sign-in-${u.slug}`, { appRoleId: "00000000-0000-0000-0000-000000000000", principalObjectId: user.objectId, resourceObjectId: sp.objectId });
  }
  // Two rotating client-secret slots, b one rotation period ahead of a (as genesys-email writes them).
  let secret;
  if (s.secret) {
    new TimeProvider(scope, "time", {});
    const rotA = new Rotating(scope, "client-secret-a-rotation", { rotationDays: s.secret.cycleDays });
    const rotB = new Rotating(scope, "client-secret-b-rotation", {
      rotationDays: s.secret.cycleDays,
      rfc3339: Fn.conditional(notBefore(rotA.id, Fn.plantimestamp()), Fn.timeadd(rotA.id, `-${s.secret.offsetHours}h`), Token.nullValue()),
      lifecycle: { ignoreChanges: ["rfc3339"] },
    });
    const password = (slot, rot) =>
      new ApplicationPasswordA(scope, `client-secret-${slot}`, {
        applicationId: application.id,
        displayName: `genesys-email-graph-${slot}`,
        endDate: Fn.timeadd(rot.id, `${s.secret.lifetimeHours}h`),
        rotateWhenChanged: { rotation: rot.id },
      });
    const a = password("a", rotA);
    const b = password("b", rotB);
    const aIsNewest = notBefore(rotA.id, rotB.id);
    secret = { a, b, value: Fn.conditional(aIsNewest, a.value, b.value), endDate: Fn.conditional(aIsNewest, a.endDate, b.endDate) };
  }
  for (const r of s.resources) {
    const resourceSp = new DataAzureadServicePrincipal(scope, `resource-${r.slug}`, { clientId: r.appId });
    const claimValues = r.access.filter((p) => p.type === "Scope").map((p) => p.value).sort();
    if (claimValues.length) {
      new ServicePrincipalDelegatedPermissionGrant(scope, `consent-${r.slug}`, { servicePrincipalObjectId: sp.objectId, resourceServicePrincipalObjectId: resourceSp.objectId, claimValues });
    }
    for (const p of r.access.filter((x) => x.type === "Role")) {
      new AppRoleAssignment(scope, `role-${r.slug}-${p.value.replace(/[^A-Za-z0-9_-]/g, "-")}`, { appRoleId: p.id, principalObjectId: sp.objectId, resourceObjectId: resourceSp.objectId });
    }
  }
  const mailboxes = new Construct(email, "mailboxes");
  for (const m of s.inbound) new Data(mailboxes, `inbound-${m.name}`, { input: m, triggersReplace: { name: m.name } });
  if (s.outbound) new Data(mailboxes, "outbound", { input: s.outbound, triggersReplace: { name: s.outbound.name } });
  if (s.fromAddresses) new Data(mailboxes, "from-addresses", { input: s.fromAddresses });
  const output = (id, value, description, sensitive) => new TerraformOutput(email, `output-${id}`, { value, description, ...(sensitive ? { sensitive } : {}) }).overrideLogicalId(id);
  output("client_id", application.clientId, "Application (client) ID for the Genesys client-id option.");
  output("service_principal_object_id", sp.objectId, "Object ID of the app's service principal (Enterprise application), for exchange-setup.ps1 (RBAC for Applications).");
  if (s.tenantId) output("tenant_id", s.tenantId, "Directory (tenant) ID for the Genesys directory-id option.");
  output("mailboxes", s.mailboxesOutput, "The mailboxes and From addresses as declared (no secrets).");
  if (secret) {
    output("client_secret", secret.value, "The newest client secret, for GRAPH mailboxes (read with terraform output -raw client_secret).", true);
    output("client_secret_end_date", secret.endDate, "When the secret in client_secret expires (RFC 3339).");
    output("client_secret_a_end_date", secret.a.endDate, "When client secret slot a expires (RFC 3339); the two slots rotate in turn.");
    output("client_secret_b_end_date", secret.b.endDate, "When client secret slot b expires (RFC 3339); the two slots rotate in turn.");
  }
  // The migration request (written beside cdk.tf.json by genesys-email; here only its output) with the applied client ID.
  const request = new TerraformOutput(new Construct(email, "migration-request"), "output", {
    value: Fn.replace(
      Fn.file(Fn.join("", [Token.asString(ref("path.module")), "/migration-request.json"])),
      '\\"clientIdStatus\\": \\"pending-terraform-apply\\",\n    \\"clientId\\": null,',
      Fn.join("", ['\\"clientIdStatus\\": \\"resolved\\",\n    \\"clientId\\": \\"', application.clientId, '\\",']),
    ),
    description: "The migration request for Genesys Customer Care (schemas/migration-request.schema.json) with the applied client ID: terraform output -raw migration_request",
  });
  request.overrideLogicalId("migration_request");
}

function main([specFile, outDir, flag]) {
  const spec = JSON.parse(fs.readFileSync(specFile, "utf8"));
  const app = new App({ outdir: outDir, stackTraces: false, hclOutput: false });
  const naive = flag === "--data-resource";
  spec.stacks.forEach((s, i) => declare(app, s, naive ? DataResource : TerraformData, !naive && i === 0));
  app.synth();
}

main(process.argv.slice(2));
