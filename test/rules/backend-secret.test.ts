// GE140: no state-backend credential in the config (it would be written to cdk.tf.json, which is committed).
import { validate } from "../../src/rules/engine";
import { validConfig } from "./fixtures";

const SECRET = "s3cr3t-VALUE-never-printed";

function findings(type: string, config: Record<string, unknown>) {
  const c = validConfig();
  c.backend = { type, config } as never;
  return validate(c).findings.filter((f) => f.ruleId === "GE140");
}

describe("GE140: backend credentials", () => {
  it.each([
    ["azurerm", { accessKey: SECRET }, "backend.config.accessKey", "ARM_ACCESS_KEY"],
    ["azurerm", { sasToken: SECRET }, "backend.config.sasToken", "ARM_SAS_TOKEN"],
    ["azurerm", { clientSecret: SECRET }, "backend.config.clientSecret", "ARM_CLIENT_SECRET"],
    ["azurerm", { clientCertificatePassword: SECRET }, "backend.config.clientCertificatePassword", "ARM_CLIENT_CERTIFICATE_PASSWORD"],
    ["azurerm", { oidcToken: SECRET }, "backend.config.oidcToken", "ARM_OIDC_TOKEN"],
    ["azurerm", { oidcRequestToken: SECRET }, "backend.config.oidcRequestToken", "ARM_OIDC_REQUEST_TOKEN"],
    ["azurerm", { access_key: SECRET }, "backend.config.access_key", "ARM_ACCESS_KEY"],
    ["s3", { accessKey: SECRET }, "backend.config.accessKey", "AWS_ACCESS_KEY_ID"],
    ["s3", { secretKey: SECRET }, "backend.config.secretKey", "AWS_SECRET_ACCESS_KEY"],
    ["s3", { token: SECRET }, "backend.config.token", "AWS_SESSION_TOKEN"],
    ["s3", { sseCustomerKey: SECRET }, "backend.config.sseCustomerKey", "AWS_SSE_CUSTOMER_KEY"],
    ["s3", { assumeRoleWithWebIdentity: { roleArn: "arn:aws:iam::1:role/x", webIdentityToken: SECRET } }, "backend.config.assumeRoleWithWebIdentity.webIdentityToken", "AWS_WEB_IDENTITY_TOKEN_FILE"],
    ["remote", { organization: "contoso", token: SECRET }, "backend.config.token", "TF_TOKEN_app_terraform_io"],
    ["cloud", { organization: "contoso", token: SECRET }, "backend.config.token", "TF_TOKEN_app_terraform_io"],
  ])("%s %j: refused at its path, with the variable to use, never echoing the value", (type, config, path, variable) => {
    const found = findings(type, { ...config });
    expect(found.map((f) => [f.path, f.severity])).toEqual([[path, "error"]]);
    expect(found[0]!.message).toBe(`The ${type} backend's \`${path.slice("backend.config.".length)}\` is a credential: it would be written to cdk.tf.json in clear text.`);
    expect(found[0]!.fix).toContain(variable);
    expect(found[0]!.fix).toContain("-backend-config=FILE");
    expect(JSON.stringify(found)).not.toContain(SECRET);
  });

  it.each([
    ["local", { password: SECRET }, "backend.config.password"],
    ["azurerm", { storageAccountPassword: SECRET }, "backend.config.storageAccountPassword"],
    ["s3", { custom_secret: SECRET }, "backend.config.custom_secret"],
  ])("an unknown setting that names a credential is refused too (%s %j)", (type, config, path) => {
    const found = findings(type, config);
    expect(found.map((f) => f.path)).toEqual([path]);
    expect(found[0]!.fix).toMatch(/^remove it from the config; give it to Terraform from the pipeline's secret store/);
  });

  it.each([
    ["local", { path: "state/email.tfstate" }],
    ["azurerm", { resourceGroupName: "rg", storageAccountName: "tfstate", containerName: "state", key: "email.tfstate", useOidc: true, oidcTokenFilePath: "/run/token", clientCertificatePath: "/run/cert.pfx", clientId: "00000000-0000-0000-0000-000000000000" }],
    ["s3", { bucket: "state", key: "email.tfstate", region: "eu-west-1", kmsKeyId: "arn:aws:kms:x", workspaceKeyPrefix: "env", assumeRoleWithWebIdentity: { roleArn: "arn:aws:iam::1:role/x", webIdentityTokenFile: "/run/token" } }],
    ["remote", { hostname: "app.terraform.io", organization: "contoso", workspaces: { name: "email" } }],
    ["cloud", { organization: "contoso", workspaces: { name: "email" } }],
  ])("%s without credentials passes", (type, config) => {
    expect(findings(type, config)).toEqual([]);
  });

  it("cannot be suppressed", () => {
    const c = validConfig();
    c.backend = { type: "cloud", config: { organization: "contoso", token: SECRET } } as never;
    c.suppressions = [{ id: "GE140", reason: "we accept the risk" }] as never;
    const all = validate(c).findings;
    expect(all.some((f) => f.ruleId === "GE140")).toBe(true);
  });
});
