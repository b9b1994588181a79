import { readFileSync } from "node:fs";
import { readTerraformOutputs, type TerraformOutputsPolicy } from "../../src/terraform/outputs";
import { CLIENT_ID, OUTPUTS, SECRET_CANARY, TENANT } from "../manifest/helpers";

const MANIFEST: TerraformOutputsPolicy = { clientSecret: "never" };
const CHECK: TerraformOutputsPolicy = { clientSecret: "read" };

describe("readTerraformOutputs: one reader, the secret policy a parameter", () => {
  test("test/fixtures/outputs.json for manifest: client_id and tenant_id, nothing from the sensitive client_secret", () => {
    const result = readTerraformOutputs(readFileSync(OUTPUTS, "utf8"), MANIFEST);
    expect(result).toEqual({ ok: true, values: { clientId: CLIENT_ID, tenantId: TENANT } });
    expect(JSON.stringify(result)).not.toContain(SECRET_CANARY);
  });

  test("the same outputs for check: the sensitive client_secret as well", () => {
    expect(readTerraformOutputs(readFileSync(OUTPUTS, "utf8"), CHECK)).toEqual({ ok: true, values: { clientId: CLIENT_ID, tenantId: TENANT, clientSecret: SECRET_CANARY } });
  });

  test("for manifest a malformed client_secret is not even looked at; for check it is a problem that names no value", () => {
    const text = JSON.stringify({ client_secret: { sensitive: true, type: "number", value: 42 } });
    expect(readTerraformOutputs(text, MANIFEST)).toEqual({ ok: true, values: {} });
    expect(readTerraformOutputs(text, CHECK)).toEqual({ ok: false, problem: "has an output client_secret that is not a string." });
  });

  test("client_secret_end_date (not sensitive) is taken for check's expiry warning; a value that is no RFC 3339 date is a problem", () => {
    const output = (value: unknown) => JSON.stringify({ client_secret_end_date: { sensitive: false, type: "string", value } });
    expect(readTerraformOutputs(output("2027-03-01T10:00:00Z"), CHECK)).toEqual({ ok: true, values: { clientSecretEndDate: "2027-03-01T10:00:00Z" } });
    expect(readTerraformOutputs(output("next week"), MANIFEST)).toEqual({ ok: false, problem: "has an output client_secret_end_date that is not an RFC 3339 date." });
  });

  test("service_principal_object_id is taken when the stack outputs it", () => {
    const sp = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    expect(readTerraformOutputs(JSON.stringify({ service_principal_object_id: { sensitive: false, type: "string", value: sp } }), MANIFEST)).toEqual({
      ok: true,
      values: { servicePrincipalObjectId: sp },
    });
  });

  test("before apply, terraform output -json prints {}: no identifiers, no problem here", () => {
    expect(readTerraformOutputs("{}\n", MANIFEST)).toEqual({ ok: true, values: {} });
    expect(readTerraformOutputs("{}\n", CHECK)).toEqual({ ok: true, values: {} });
  });

  describe.each([
    ["manifest", MANIFEST],
    ["check", CHECK],
  ])("problems (%s)", (_caller, policy) => {
    test.each([
      ["not JSON, with a secret next to the error: the message names a position, never the text", `{"client_secret": {"value": "${SECRET_CANARY}" oops}}`, "is not valid JSON (line 1, column 68); expected the output of `terraform output -json`."],
      ["not JSON at all (HCL-style output)", `client_secret = ${SECRET_CANARY}`, "is not valid JSON; expected the output of `terraform output -json`."],
      ["empty input", "", "is not valid JSON; expected the output of `terraform output -json`."],
      ["a list", "[]", "is not a JSON object of outputs; expected the output of `terraform output -json`."],
      ["an output without value", `{"client_id": {"sensitive": false}}`, 'has an output client_id without a value; expected { "sensitive": ..., "type": ..., "value": ... }.'],
      ["client_id marked sensitive", `{"client_id": {"sensitive": true, "type": "string", "value": "${CLIENT_ID}"}}`, "marks output client_id as sensitive; genesys-email never prints sensitive outputs, and client_id is not a secret."],
      ["tenant_id that is not a GUID", `{"tenant_id": {"sensitive": false, "type": "string", "value": "contoso.onmicrosoft.com"}}`, "has an output tenant_id that is not a GUID."],
    ])("%s", (_name, text, problem) => {
      const result = readTerraformOutputs(text, policy);
      expect(result).toEqual({ ok: false, problem });
      expect(JSON.stringify(result)).not.toContain(SECRET_CANARY);
    });
  });
});
