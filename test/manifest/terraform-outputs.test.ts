import { readFileSync } from "node:fs";
import { readTerraformOutputs } from "../../src/manifest";
import { CLIENT_ID, OUTPUTS, SECRET_CANARY, TENANT } from "./helpers";

describe("readTerraformOutputs", () => {
  test("test/fixtures/outputs.json: client_id and tenant_id, nothing from the sensitive client_secret", () => {
    const result = readTerraformOutputs(readFileSync(OUTPUTS, "utf8"));
    expect(result).toEqual({ ok: true, identity: { clientId: CLIENT_ID, tenantId: TENANT } });
    expect(JSON.stringify(result)).not.toContain(SECRET_CANARY);
  });

  test("service_principal_object_id is taken when the stack outputs it", () => {
    const sp = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    expect(readTerraformOutputs(JSON.stringify({ service_principal_object_id: { sensitive: false, type: "string", value: sp } }))).toEqual({ ok: true, identity: { servicePrincipalObjectId: sp } });
  });

  test("before apply, terraform output -json prints {}: no identifiers, no problem here", () => {
    expect(readTerraformOutputs("{}\n")).toEqual({ ok: true, identity: {} });
  });

  test.each([
    ["not JSON, with a secret next to the error: the message names a position, never the text", `{"client_secret": {"value": "${SECRET_CANARY}" oops}}`, "is not valid JSON (line 1, column 68); expected the output of `terraform output -json`."],
    ["empty input", "", "is not valid JSON; expected the output of `terraform output -json`."],
    ["a list", "[]", "is not a JSON object of outputs; expected the output of `terraform output -json`."],
    ["an output without value", `{"client_id": {"sensitive": false}}`, 'has an output client_id without a value; expected { "sensitive": ..., "type": ..., "value": ... }.'],
    ["client_id marked sensitive", `{"client_id": {"sensitive": true, "type": "string", "value": "${CLIENT_ID}"}}`, "marks output client_id as sensitive; genesys-email never prints sensitive outputs, and client_id is not a secret."],
    ["tenant_id that is not a GUID", `{"tenant_id": {"sensitive": false, "type": "string", "value": "contoso.onmicrosoft.com"}}`, "has an output tenant_id that is not a GUID."],
  ])("%s", (_name, text, problem) => {
    const result = readTerraformOutputs(text);
    expect(result).toEqual({ ok: false, problem });
    expect(JSON.stringify(result)).not.toContain(SECRET_CANARY);
  });
});
