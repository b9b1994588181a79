import { syntaxFields } from "../model/fields";
import type { FieldPath } from "../model/path";
import type { Rule, Violation } from "./rule";

/** `${` starts a Terraform interpolation, `%{` a directive (hashicorp/hcl hclsyntax/spec.md, "Template Expressions"). */
const TEMPLATE_SEQUENCE = /([$%])\{/;

/** What the field holds, by its last path segment: the message names it without repeating the value. */
function kind(path: FieldPath): string {
  if (path[0] === "application" && path[1] === "owners") return "An owner (object ID or user principal name)";
  const last = String(path[path.length - 1]);
  if (last === "env") return "An environment variable name";
  if (last === "mailbox") return "A login";
  if (last === "fromAddress" || last === "name") return "An email address";
  if (last === "host") return "A host name";
  if (last === "path") return "A URL path";
  if (last === "authority") return "The tenant-authority URL";
  return "A GUID";
}

export const templateSequence: Rule = {
  id: "GE128",
  name: "template-sequence",
  severity: "error",
  description:
    "Logins, addresses, host names, URLs, GUIDs and variable names hold no `${` or `%{`: Terraform would read them as an expression or directive. Free text (display names, the Designer application, the folder) is written to Terraform escaped instead.",
  fix: "write the value itself: nothing fills in ${…} or %{…} here (config values are literal text, not Terraform expressions or CDKTF tokens)",
  source: "Terraform JSON syntax: every string is a template (hashicorp/hcl json/spec.md, Strings); these fields have a fixed syntax without `{`",
  suppressible: false,
  check: (config) =>
    syntaxFields(config).flatMap(([path, value]): Violation[] => {
      const found = value === undefined ? null : TEMPLATE_SEQUENCE.exec(value);
      if (!found) return [];
      const sequence = `${found[1]}{`;
      const token = value!.includes("${TfToken[") ? " It looks like a CDKTF token: the config holds literal values, never references." : "";
      return [
        {
          path,
          message: `${kind(path)} never holds \`${sequence}\`, which Terraform reads as the start of ${sequence === "${" ? "an expression" : "a directive"}.${token}`,
        },
      ];
    }),
};
